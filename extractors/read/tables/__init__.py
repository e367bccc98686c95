"""Tables recovered from every reader's positioned lines: one module per table shape, run in
order by `stage.recover` (see there)."""
