"""The programme's read models: the institution-type filter, the progress method, target assessments and what each programme page shows."""
