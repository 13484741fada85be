from gongkai.prepared.models.files import PreparedFile

__all__ = ["PreparedFile"]
