"""`python -m loclint.spark INPUT OUTPUT [--format parquet|json]`; spark-submit this file too."""
import sys

from loclint.spark.job import main  # absolute: spark-submit runs this file as a script

if __name__ == "__main__":
    sys.exit(main())
