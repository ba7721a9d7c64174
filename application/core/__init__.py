"""What every area shares: domain errors, paging, pipeline stages, wording, store access."""
