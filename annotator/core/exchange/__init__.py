"""Exchange with other tools and other copies of a project: REFI-QDA (.qdc/.qdpx) and project merge."""
