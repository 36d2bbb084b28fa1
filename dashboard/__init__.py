"""Tracking dashboard for China's patent commercialisation programme (专利转化运用)."""
