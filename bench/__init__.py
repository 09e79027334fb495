"""`make bench`: the production stack under a bounded loopback load (see bench/run.py)."""
