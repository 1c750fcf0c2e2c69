"""factory_boy factories, one per model, in a module per app."""
