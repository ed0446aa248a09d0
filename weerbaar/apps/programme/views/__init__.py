"""Pages of the programme monitor. Views check rights (programme.rights), call one service or
query, and render."""
