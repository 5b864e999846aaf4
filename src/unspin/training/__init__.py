"""Building what unspin ships from public data (tables and weights), apart from the code that uses them."""
