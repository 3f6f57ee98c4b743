"""Classifying source URLs by host (papers/_meta/sources.yaml): primary, secondary or denied."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from .model import SourceKind


@dataclass(frozen=True)
class HostRule:
    """A host, optionally with a path prefix (github.com/some/awesome-list), and what it is."""

    pattern: str
    kind: str | None = None  # None for a denied host
    reason: str | None = None  # why a host is denied

    @cached_property
    def host(self) -> str:
        return self.pattern.split("/", 1)[0].lower()

    @cached_property
    def path(self) -> str:
        return "/" + self.pattern.split("/", 1)[1].strip("/").lower() if "/" in self.pattern else ""

    def matches(self, host: str, path: str) -> bool:
        host_ok = host == self.host or host.endswith("." + self.host)
        return host_ok and (not self.path or path == self.path or path.startswith(self.path + "/"))

    @property
    def specificity(self) -> tuple[int, int]:
        return (len(self.path), len(self.host))


@dataclass
class SourceRules:
    """Every known host: its kind, or the reason it may never be cited."""

    kinds: dict[str, SourceKind] = field(default_factory=dict)
    rules: list[HostRule] = field(default_factory=list)

    def match(self, url: str) -> HostRule | None:
        """The most specific rule for `url`; a denied host wins over any other rule."""
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path.rstrip("/").lower()
        matching = [rule for rule in self.rules if rule.matches(host, path)]
        denied = [rule for rule in matching if rule.kind is None]
        if denied:
            return denied[0]
        return max(matching, key=lambda rule: rule.specificity, default=None)

    def kind_of(self, url: str) -> SourceKind | None:
        rule = self.match(url)
        return self.kinds.get(rule.kind) if rule and rule.kind else None


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or url).lower()
