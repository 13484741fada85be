"""依申请公开: disclosure requests, their statutory deadlines, replies, fees and remedies."""
