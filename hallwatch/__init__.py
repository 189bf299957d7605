"""HallWatch (窗口效能监察客户端): the Qt-free core."""

__version__ = "0.1.0"
