"""Synthetic paper databases in the real schema, for the scale benchmark (not real papers)."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GIVEN = ["Wei", "Jing", "Xin", "Li", "Hao", "Yu", "Chen", "Ming", "Anna", "Luca", "Sara", "Omar", "Priya", "Kenji",
         "Jiancheng", "Zhiqiang", "Begüm", "Devis", "Fatima", "Hugo", "Ines", "Jonas", "Kai", "Lena", "Mateo"]
FAMILY = ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
          "Hu", "Guo", "He", "Lin", "Demir", "Tuia", "Rossi", "Müller", "García", "Silva", "Kim", "Sato", "Novák",
          "Şahin", "Dubois", "Nowak", "Ivanova", "Okafor", "Haddad", "Larsen", "Moreau", "Costa", "Bauer", "Ito"]
WORDS = ["Cross-Modal", "Retrieval", "Remote", "Sensing", "Image", "Text", "Alignment", "Network", "Transformer",
         "Contrastive", "Learning", "Fine-Grained", "Multi-Scale", "Semantic", "Hashing", "Prompt", "Adapter",
         "Knowledge", "Graph", "Attention", "Efficient", "Robust", "Vision-Language", "Foundation", "Model"]


def people(rng: random.Random, n_people: int) -> list[tuple[str, str]]:
    """A pool of distinct people; given names carry a number so no two look alike to the validator."""
    pool = []
    for i in range(n_people):
        code, k = "", i
        while True:  # i written in letters: a, b, ..., z, ba, bb, ...
            code = chr(97 + k % 26) + code
            k //= 26
            if not k:
                break
        pool.append((f"{rng.choice(GIVEN)}-{code}", rng.choice(FAMILY)))
    return pool


def generate(target: Path, n: int, seed: int = 7) -> Path:
    """Write `n` synthetic paper files plus the real vocabularies into target/papers."""
    rng = random.Random(seed)
    papers_dir = target / "papers"
    if papers_dir.exists():
        shutil.rmtree(papers_dir)
    shutil.copytree(ROOT / "papers" / "_meta", papers_dir / "_meta")
    (papers_dir / "_meta" / "authors.yaml").write_text("people: []\ndistinct: []\n", encoding="utf-8")
    # Synthetic records cite example.org; in this copy only, it counts as a publisher page.
    sources = yaml.safe_load((papers_dir / "_meta" / "sources.yaml").read_text(encoding="utf-8"))
    sources["hosts"]["publisher"].append("example.org")
    (papers_dir / "_meta" / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    datasets = yaml.safe_load((papers_dir / "_meta" / "datasets.yaml").read_text(encoding="utf-8"))
    for d in datasets:
        d.pop("paper", None)
    (papers_dir / "_meta" / "datasets.yaml").write_text(yaml.safe_dump(datasets, allow_unicode=True), encoding="utf-8")
    venues = [v["short"] for v in yaml.safe_load((papers_dir / "_meta" / "venues.yaml").read_text(encoding="utf-8"))]
    categories = [c["slug"] for c in yaml.safe_load((papers_dir / "_meta" / "categories.yaml").read_text(encoding="utf-8"))]
    tags = list(yaml.safe_load((papers_dir / "_meta" / "tags.yaml").read_text(encoding="utf-8")))
    pool = people(rng, max(50, int(n * 1.6)))
    # Zipf-like reuse: a few prolific authors, a long tail.
    weights = [1 / (i + 1) ** 0.8 for i in range(len(pool))]
    for i in range(n):
        year = rng.randint(2017, 2026)
        family = pool[i % len(pool)][1]
        paper_id = f"{''.join(c for c in family.lower() if c.isascii() and c.isalpha()) or 'x'}{year}p{i}"
        authors = rng.choices(pool, weights=weights, k=rng.randint(2, 8))
        authors = list(dict.fromkeys(authors))
        record = {
            "id": paper_id,
            "title": f"{' '.join(rng.sample(WORDS, 7))} {i}",
            "authors": [{"given": g, "family": f} for g, f in authors],
            "year": year,
            "venue": rng.choice(venues),
            "category": rng.choice(categories),
            "method": f"M{i}",
            "volume": str(rng.randint(1, 64)),
            "pages": f"{(p := rng.randint(1, 900))}-{p + rng.randint(4, 20)}",
            "doi": f"10.5555/synthetic.{i}",
            "links": {"code": f"https://example.org/code/{i}"} if rng.random() < 0.4 else {},
            "tags": rng.sample(tags, rng.randint(1, 4)),
            "datasets": rng.sample(["rsicd", "rsitmd", "ucm-captions", "sydney-captions", "nwpu-captions"], rng.randint(1, 3)),
            "summary": "A synthetic record generated for the scale benchmark.",
            "added": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            "sources": ["https://example.org/synthetic"],
        }
        if not record["links"]:
            del record["links"]
        if rng.random() < 0.35:
            rows = []
            for dataset in record["datasets"][:2]:
                r = sorted(round(rng.uniform(5, 95), 2) for _ in range(3))
                t = sorted(round(rng.uniform(5, 95), 2) for _ in range(3))
                extra = rng.random() < 0.3
                rows.append({"dataset": dataset, "method": record["method"], "extra_data": extra,
                             "setting": "peft" if extra else "fine-tuned",
                             "i2t_r1": r[0], "i2t_r5": r[1], "i2t_r10": r[2], "t2i_r1": t[0], "t2i_r5": t[1],
                             "t2i_r10": t[2], "mr": round(sum(r + t) / 6, 2),
                             "source": {"paper": paper_id, "table": "Table 1"}})
            record["results"] = rows
        text = "# yaml-language-server: $schema=_meta/paper.schema.json\n# Synthetic benchmark record.\n"
        (papers_dir / f"{paper_id}.yaml").write_text(text + yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return papers_dir
