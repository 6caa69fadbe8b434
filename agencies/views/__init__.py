"""The pages of the agencies app, one module per area."""
