"""Recommendations for every investor over the project pool, plain vs exposure-fair.

A seeded, skewed instance: industries follow a Zipf law, a few startups hold
every certification and sit in the hot industries, so plain top-k lists pile
onto them. Descriptions are tokenised beforehand (as the backend does when a
profile is saved); the tokenising time is printed separately.
"""

from __future__ import annotations

import time

import numpy as np

from matching.recommend import exposure, gini, recommend_all, top_candidates
from matching.scoring import Scorer
from matching.text import TextModel, tokenize
from matching.types import Investor, Startup, Tree

SECTORS: dict[str, list[str]] = {
    "电子信息": ["光电子", "集成电路", "激光雷达", "卫星遥感", "工业软件"],
    "汽车": ["新能源汽车", "智能网联", "汽车零部件", "动力电池", "氢能"],
    "新材料": ["碳纤维", "化工新材料", "稀土材料", "复合材料", "纳米材料"],
    "生物医药": ["创新药", "医疗器械", "中药", "生物制品", "体外诊断"],
    "装备制造": ["机器人", "轨道交通装备", "精密仪器", "数控机床", "无人机"],
    "现代农业": ["种业", "农产品加工", "智慧农业", "人参", "食品"],
    "纺织": ["纺织面料", "服装", "家纺", "化纤", "印染"],
    "数字经济": ["人工智能", "大数据", "云计算", "区块链", "电子商务"],
}
KEYWORDS: dict[str, list[str]] = {
    "光电子": ["光电子器件", "激光芯片", "红外探测器", "精密光学"],
    "集成电路": ["芯片设计", "晶圆", "封装测试", "半导体"],
    "激光雷达": ["激光雷达", "点云", "自动驾驶感知"],
    "新能源汽车": ["电驱系统", "整车", "充电桩"],
    "碳纤维": ["碳纤维", "原丝", "预浸料"],
    "医疗器械": ["医疗器械", "影像设备", "手术机器人"],
    "人工智能": ["机器学习", "大模型", "计算机视觉"],
    "纺织面料": ["纺织", "面料", "针织"],
}
GENERIC = ["研发", "生产", "销售", "服务", "平台", "解决方案", "技术转化", "产业化", "市场推广", "核心团队", "专利"]
REGIONS: list[tuple[str, ...]] = [
    ("吉林省", "长春市", "朝阳区"),
    ("吉林省", "长春市", "南关区"),
    ("吉林省", "长春市", "高新区"),
    ("吉林省", "长春市", "净月区"),
    ("吉林省", "吉林市", "船营区"),
    ("吉林省", "吉林市", "丰满区"),
    ("吉林省", "四平市", "铁西区"),
    ("吉林省", "通化市", "东昌区"),
    ("吉林省", "延边朝鲜族自治州", "延吉市"),
    ("河北省", "邢台市", "信都区"),
    ("河北省", "石家庄市", "长安区"),
    ("安徽省", "淮北市", "相山区"),
]
CERTS = ["high_tech", "specialized", "little_giant", "tech_sme"]
STAGE_NAMES = ["seed", "startup", "growth", "mature"]
STAGE_CHOICES = [["seed", "startup"], ["startup"], ["startup", "growth"], ["growth"], ["growth", "mature"]]


def industry_tree() -> Tree:
    parents: dict[str, str | None] = {}
    for sector, children in SECTORS.items():
        parents[sector] = None
        for child in children:
            parents[child] = sector
    return Tree(parents)


def _text(rng: np.random.Generator, industries: list[str]) -> str:
    words = []
    for ind in industries:
        words.append(ind)
        words.extend(rng.choice(KEYWORDS.get(ind, [ind]), size=2))
    words.extend(rng.choice(GENERIC, size=4, replace=False))
    return "，".join(words)


def generate(
    n_investors: int = 2000, n_startups: int = 20000, seed: int = 7, star_share: float = 0.0005
) -> tuple[list[Investor], list[Startup], Tree]:
    """A skewed instance: Zipf industries and a few certified "stars" in several hot industries."""
    rng = np.random.default_rng(seed)
    tree = industry_tree()
    leaves = [c for children in SECTORS.values() for c in children]
    zipf = 1.0 / np.arange(1, len(leaves) + 1) ** 1.3
    zipf /= zipf.sum()
    region_p = np.array([8, 6, 6, 4, 3, 2, 2, 1, 1, 1, 1, 1], dtype=float)
    region_p /= region_p.sum()

    startups = []
    hot = leaves[:4]
    for k in range(n_startups):
        star = rng.random() < star_share
        if star:
            # A "star": in several hot industries, every certification, a typical ticket.
            inds = sorted(set(rng.choice(hot, size=3, replace=False).tolist()))
            certs = list(CERTS)
            stage = "startup"
            amount = 5e6
        else:
            # Supply is the reverse of demand: few startups in the industries investors chase.
            inds = sorted(set(rng.choice(leaves, size=rng.integers(1, 3), p=zipf[::-1]).tolist()))
            certs = [c for c, p in zip(CERTS, (0.3, 0.1, 0.02, 0.5), strict=True) if rng.random() < p]
            stage = STAGE_NAMES[int(rng.choice(4, p=[0.2, 0.4, 0.3, 0.1]))]
            amount = float(np.exp(rng.normal(np.log(5e6), 1.0)))
        startups.append(
            Startup(
                f"s{k:05d}",
                f"企业{k}",
                industries=inds,
                region=REGIONS[0] if star else REGIONS[int(rng.choice(len(REGIONS), p=region_p))],
                stage=stage,
                certifications=certs,
                description=_text(rng, inds),
                seeking_amount=round(amount, -4),
            )
        )
    investors = []
    for k in range(n_investors):
        inds = set(rng.choice(leaves, size=rng.integers(1, 3), p=zipf).tolist())
        if rng.random() < 0.8:
            inds.add(str(rng.choice(hot)))  # most investors chase the hot industries
        inds = sorted(inds)
        stages = STAGE_CHOICES[int(rng.choice(len(STAGE_CHOICES), p=[0.25, 0.25, 0.3, 0.1, 0.1]))]
        lo = float(np.exp(rng.normal(np.log(2e6), 0.7)))
        investors.append(
            Investor(
                f"i{k:04d}",
                f"投资机构{k}",
                industries=inds,
                region=REGIONS[int(rng.choice(len(REGIONS), p=region_p))],
                regions=[("吉林省",)] if rng.random() < 0.7 else [],
                stages=stages,
                ticket_min=round(lo, -4),
                ticket_max=round(lo * float(rng.uniform(3, 10)), -4),
                preferred_certifications=["high_tech", "specialized", "little_giant"],
                description=_text(rng, inds),
            )
        )
    return investors, startups, tree


def pretokenise(parties):
    """Replace descriptions by their tokens, as stored by the backend."""
    from dataclasses import replace

    return [replace(p, description=tokenize(p.description)) for p in parties]


def main(n_investors: int = 2000, n_startups: int = 20000, k: int = 10, max_share: float = 0.05) -> None:
    investors, startups, tree = generate(n_investors, n_startups)
    started = time.perf_counter()
    investors = pretokenise(investors)
    startups = pretokenise(startups)
    tokenise_time = time.perf_counter() - started

    TextModel()  # import scikit-learn outside the timing: a once-per-process cost (~1 s)
    started = time.perf_counter()
    scorer = Scorer("startup_investor", startups, investors, industries=tree)
    built = time.perf_counter()
    result = recommend_all(scorer, k=k, side="right", max_share=max_share)
    elapsed = time.perf_counter() - started

    plain, fair = result.stats()
    print(
        f"recommend: investors={n_investors} pool={n_startups} k={k} time={elapsed:.2f}s "
        f"gini_plain={plain.gini:.2f} gini_fair={fair.gini:.2f} "
        f"max_share_plain={plain.max_share:.3f} max_share_fair={fair.max_share:.3f} "
        f"coverage_plain={plain.coverage:.3f} coverage_fair={fair.coverage:.3f} "
        f"relevance_loss={fair.relevance_loss:.3f}"
    )
    print(
        f"   build={built - started:.2f}s rank={elapsed - (built - started):.2f}s "
        f"(descriptions tokenised beforehand, as the backend stores them: {tokenise_time:.2f}s for "
        f"{n_investors + n_startups}) filled_fair={fair.filled:.3f}"
    )
    # Gini over all items is dominated by startups no investor looks for; over the
    # "eligible" ones (in some investor's top 10k) it shows the spread among comparable items.
    pool = top_candidates(scorer, 10 * k, side="right")
    eligible = np.unique(pool[0][pool[0] >= 0])
    g_plain = gini(exposure(result.plain_items, n_startups)[eligible])
    g_fair = gini(exposure(result.items, n_startups)[eligible])
    print(f"   eligible={len(eligible)} gini_eligible_plain={g_plain:.2f} gini_eligible_fair={g_fair:.2f}")
    # The price of tighter caps, on the same candidates.
    for share in (0.01, 0.005):
        started = time.perf_counter()
        tighter = recommend_all(scorer, k=k, side="right", max_share=share, pool=pool)
        rerank_time = time.perf_counter() - started
        _, stats = tighter.stats()
        print(
            f"   max_share={share}: cap={tighter.cap} gini={stats.gini:.2f} max_share={stats.max_share:.3f} "
            f"coverage={stats.coverage:.3f} relevance_loss={stats.relevance_loss:.3f} "
            f"filled={stats.filled:.3f} rerank={rerank_time:.2f}s "
            f"gini_eligible={gini(exposure(tighter.items, n_startups)[eligible]):.2f}"
        )


if __name__ == "__main__":
    main()
