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
        labels = host.split(".")
        # Only rules for the host or one of its parent domains can match; kept in file order.
        candidates = sorted(entry for i in range(len(labels)) for entry in self._by_host.get(".".join(labels[i:]), ()))
        matching = [rule for _, rule in candidates if rule.matches(host, path)]
        denied = [rule for rule in matching if rule.kind is None]
        if denied:
            return denied[0]
        return max(matching, key=lambda rule: rule.specificity, default=None)

    @cached_property
    def _by_host(self) -> dict[str, list[tuple[int, HostRule]]]:
        """Rules by host, with their position in the file (the rules are complete once loaded)."""
        index: dict[str, list[tuple[int, HostRule]]] = {}
        for position, rule in enumerate(self.rules):
            index.setdefault(rule.host, []).append((position, rule))
        return index

    def kind_of(self, url: str) -> SourceKind | None:
        rule = self.match(url)
        return self.kinds.get(rule.kind) if rule and rule.kind else None


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or url).lower()
