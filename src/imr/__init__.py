"""imr: Independent Medical Review for California workers' compensation."""

__version__ = "0.1.0"
