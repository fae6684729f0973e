"""Review: a local web page where a person settles findings; decisions kept in SQLite. (Being built.)"""
