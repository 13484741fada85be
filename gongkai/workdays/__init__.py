"""The official working-day calendar (工作日) and statutory period counting."""
