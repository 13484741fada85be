"""gongkai (公开): a platform for government information disclosure work."""
