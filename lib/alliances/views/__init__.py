"""Matplotlib figures, one module per concept; views take model results and never import widgets."""
