"""The model-backed side of the product: settings now; the LLM writer follows (issue 3)."""
