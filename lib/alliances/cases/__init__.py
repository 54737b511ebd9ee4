"""Case studies on real data: each module loads its data, calibrates its models and wires its figures."""
