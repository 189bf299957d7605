"""公文: warning letters and notices, from draft to delivery, preview and print."""
