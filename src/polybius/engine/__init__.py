"""Running the pipeline: reading, coding, storing."""
