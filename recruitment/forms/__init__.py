"""Forms for recruitment pages. They only parse input; rules are in services."""
