"""The benchmark harness (`make bench`): municipal-scale data, gunicorn in production settings, a load run per
scenario against a trivial baseline view, and a report in var/bench/. Not a Django app; see bench/run.py."""
