"""Variable providers for particular kinds of service. Each module here defines ``PROVIDER``; the registry
finds them all (see imr.guidelines.registry)."""
