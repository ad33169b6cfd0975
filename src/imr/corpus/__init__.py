"""The published letters as a queryable corpus: bulk reading into Parquet tables, statistics, SQL and a report."""
