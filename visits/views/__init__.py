"""The pages of the visits app, one module per area."""
