"""Discussion: each course's board, posts and the home feed."""
