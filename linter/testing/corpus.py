"""Same-year corpora whose prose is shared the way a repository's is.

A 政务公开办 that keeps hundreds of units' reports of one year sees their
sections 一 and 五 share wording at every scale: a superior's model text
that most units adopt, stock sentences that a few dozen reports happen to
use, neighbours in one district who borrow sentences from each other, and
the odd unit that copies a neighbour's whole section.  The copy-detection
rules (M009, M010) must tell these apart, and must do so in time that grows
with the number of reports, not with its square; :func:`generate_copy_corpus`
writes such a corpus for the benchmark (``bench/run.py``) and the tests of
the candidate index (``tests/repository/``)::

    from govlint.testing.corpus import generate_copy_corpus

    paths = generate_copy_corpus("corpus/", 800, seed=2024)

Every report is of the same year (2024, the 2021 template), rendered by
:mod:`govlint.testing.synthetic` in its text layouts with valid tables, by an
organ of its own (``长江市<区><街道>街道办事处`` and the like).  Its sections
一 and 五 are built of sentences of four kinds:

* **model text**: each part (一; the problems and the improvements of 五)
  takes one to :data:`MODEL_PICK` of the superior's model sentences for
  it, so each is in a quarter (一) to two thirds (五) of the reports —
  wording common to a large share of the year's;
* **stock sentences**: none to two per part from a fixed pool of 300,
  each in about ``n / 300`` reports per part — a handful at 800 reports,
  some twenty at 3,200: wording whose count grows with the repository;
* **the unit's own** sentences on one of twenty topics in one of a few
  phrasings, half of them naming one of its communities (the other half
  share their wording with every unit that picked the same topic and
  phrasing, another kind of stock sentence);
* **borrowed** sentences: a unit takes one of a district neighbour's own
  sentences per part from none to two neighbours (districts of
  :data:`DISTRICT` units, so borrowing groups overlap); and one unit in
  twenty (:data:`COPY_RATE`) copies a neighbour's whole section, adding,
  dropping or rewording a sentence now and then — some of these pairs end
  up above the copy threshold, some below.

No prose holds a number (the prose-vs-table rules would compare it), and
the same ``seed`` gives the same corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

import msgspec

from .synthetic import EXTENSIONS, LAYOUTS, ReportSpec, consistent_values, render

#: The year of every report, and the template its tables follow.
YEAR, TEMPLATE = 2024, "2021"
#: Units per district: a unit borrows only from its district's neighbours.
DISTRICT = 24
#: The share of units that copy a neighbour's whole section (per section).
COPY_RATE = 0.05
#: A section takes from one to this many of the superior's model sentences.
MODEL_PICK = 4

CITY = "长江市"
_NAME_CHARS = ("东西南北中新安康乐和平兴华泰丰宁春阳光明德福祥瑞金玉山河湖海江桥林松柏竹梅兰"
               "清源长永昌盛文武仁义礼信忠孝庆云龙凤鸣鹤白石青峰岭溪湾港塘园")
_UNITS = ("街道办事处", "镇人民政府", "乡人民政府")
_BUREAUS = ("教育局", "民政局", "司法局", "财政局", "卫生健康局", "交通运输局", "农业农村局", "水务局",
            "应急管理局", "医疗保障局", "退役军人事务局", "城市管理局")

# ------------------------------------------------------------ sentence material

_MODEL = {
    1: (
        "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实政府信息公开条例和上级关于政务公开工作的部署要求。",
        "把政务公开工作纳入年度重点工作任务，主要负责同志亲自过问，分管负责同志具体抓落实。",
        "严格落实公文公开属性源头认定机制，拟制公文时同步明确公开方式。",
        "健全政府信息发布保密审查机制，坚持先审查后公开、一事一审、全面审查。",
        "围绕优化营商环境、乡村振兴、民生保障等重点领域，加大政府信息主动公开力度。",
        "持续规范政府信息公开专栏建设，动态更新政府信息公开指南和公开目录。",
        "加强政策解读，坚持政策文件与解读材料同步组织、同步审签、同步部署。",
        "严格按照法定程序和时限办理依申请公开事项，做到依法依规答复。",
        "积极回应社会关切，对涉及群众切身利益的热点问题及时发布权威信息。",
        "加强政务新媒体管理，严格执行信息发布审核制度，确保发布内容准确规范。",
    ),
    # section 五 in two parts: the problems, then the improvements
    5: (
        "政务公开工作的标准化规范化水平有待进一步提升。",
        "政策解读的形式还不够丰富，解读的针对性和可读性有待增强。",
        "依申请公开答复的规范性仍需加强，工作人员的业务能力需要进一步提高。",
        "政府信息公开专栏的信息更新还不够及时，部分栏目内容不够完善。",
    ),
    6: (
        "进一步加强组织领导，压实政务公开工作责任。",
        "进一步丰富政策解读形式，综合运用图表图解、音频视频等方式开展解读。",
        "加强业务培训，提升工作人员依法办理政府信息公开申请的能力。",
        "加强公开专栏日常维护，建立信息更新台账，确保信息发布及时准确。",
    ),
}
#: The sub-headings that open the two parts of section 五.
_PARTS = ("（一）存在的主要问题。", "（二）改进情况。")

_STOCK_HEADS = ("坚持", "着力", "持续", "不断", "积极", "认真", "全面", "切实", "深入", "扎实", "稳步", "大力")
_STOCK_VERBS = ("推进", "完善", "加强", "规范", "优化", "落实", "健全", "提升", "深化", "拓展")
_STOCK_OBJECTS = ("基层政务公开标准化建设", "重大行政决策公开工作", "政务公开工作考核评价",
                  "政府信息公开平台建设", "行政执法信息公示", "公共企事业单位信息公开",
                  "政务服务事项办理信息公开", "财政预决算信息公开", "民生领域信息公开",
                  "政务公开专区建设", "政府网站信息内容保障", "政务新媒体规范运行",
                  "公众参与和政民互动", "政府信息管理制度", "依申请公开办理流程")
_STOCK_TAILS = ("，推动政务公开工作提质增效。", "，不断提升群众满意度。", "，切实保障群众知情权。",
                "，确保各项工作落到实处。", "，为群众办事提供便利。")

_OWN_OPENINGS = ("在{place}", "针对{place}", "结合{place}", "依托{place}", "围绕{place}")
_OWN_PLACES = ("社区", "村", "小区", "片区", "产业园", "商业街", "安置区", "老旧小区")
_OWN_ACTIONS = (
    "试点推行居务事项清单管理，把{topic}的办理进展逐项张贴公示",
    "设立政务公开体验点，安排专人讲解{topic}等群众关心的政策",
    "召开居民议事会，就{topic}的实施方案公开征求意见",
    "建立网格员信息联络机制，及时收集群众对{topic}的意见建议",
    "编印政策明白纸，把{topic}的办理条件和流程讲清楚",
    "开通线上咨询专栏，集中答复群众关于{topic}的咨询",
    "组织开展政策进社区活动，面对面解读{topic}相关规定",
    "公开{topic}项目的建设内容、资金安排和施工进度",
)
_OWN_TOPICS = ("老旧小区加装电梯", "雨污分流改造", "困难群众救助", "高龄津贴发放", "农村人居环境整治",
               "集体经济收益分配", "退役军人优待", "就业创业扶持", "托育服务补贴", "燃气管道更新",
               "背街小巷整治", "停车泊位规划", "垃圾分类督导", "社区食堂运营", "防汛物资储备",
               "残疾人两项补贴", "耕地保护补偿", "城乡居民医保参保", "文化活动中心建设", "公共厕所改造")
_OWN_ENDINGS = ("，群众反映良好。", "，得到居民普遍认可。", "，有效减少了群众来回跑腿。", "，相关做法在全区推广。",
                "，累计收集意见建议多条。", "，群众知晓度明显提高。")
_OWN_PROBLEMS = (
    "{place}的{topic}信息公开还不够及时，群众反映查询不便。",
    "{topic}的政策解读仍以转发文件为主，群众不易理解。",
    "对{place}群众关于{topic}的诉求回应还不够迅速。",
    "{topic}相关信息分散在多个栏目，查找不够方便。",
)
_OWN_PLANS = (
    "下一步将在{place}建立{topic}信息定期公开制度。",
    "将针对{topic}制作图解和短视频，增强解读的通俗性。",
    "将把{topic}纳入{place}居务公开清单，逐月更新办理情况。",
    "将整合{topic}相关栏目，方便群众集中查询。",
)


class _Unit(msgspec.Struct):
    organ: str
    district: int
    prose: dict[int, list[str]] = msgspec.field(default_factory=dict)
    own: dict[int, list[str]] = msgspec.field(default_factory=dict)


class _Writer:
    """Draws the corpus's organs and sentences from one random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: set[str] = set()
        self.stock = self._stock_pool()

    def _stock_pool(self) -> list[str]:
        rng = random.Random(7)  # the same pool whatever the corpus's seed
        pool = sorted({f"{h}{v}{o}{t}" for h in _STOCK_HEADS for v in _STOCK_VERBS
                       for o in _STOCK_OBJECTS for t in _STOCK_TAILS})
        return rng.sample(pool, 300)

    def word(self, length: int) -> str:
        return "".join(self.rng.choice(_NAME_CHARS) for _ in range(length))

    def organ(self, district: str) -> str:
        while True:
            if self.rng.random() < 0.8:
                name = f"{CITY}{district}{self.word(2)}{self.rng.choice(_UNITS)}"
            else:
                name = f"{CITY}{district}{self.rng.choice(_BUREAUS)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def place(self) -> str:
        return self.word(2) + self.rng.choice(_OWN_PLACES)

    def own(self, part: int) -> str:
        """A sentence of the unit's own for ``part`` (1: section 一; 5 and
        6: the problems and the improvements of section 五)."""
        rng = self.rng
        topic = rng.choice(_OWN_TOPICS)
        if part == 1:
            opening = rng.choice(_OWN_OPENINGS).format(place=self.place())
            return opening + rng.choice(_OWN_ACTIONS).format(topic=topic) + rng.choice(_OWN_ENDINGS)
        return rng.choice(_OWN_PROBLEMS if part == 5 else _OWN_PLANS).format(place=self.place(), topic=topic)

    def part(self, number: int, unit: _Unit, neighbours: list[_Unit]) -> list[str]:
        rng = self.rng
        own = [self.own(number) for _ in range(rng.randint(1, 3 if number == 1 else 2))]
        unit.own[number] = own
        model = sorted(rng.sample(range(len(_MODEL[number])), rng.randint(1, MODEL_PICK)))
        sentences = [_MODEL[number][i] for i in model]
        sentences += rng.sample(self.stock, rng.randint(0, 2))
        sentences += own
        for neighbour in rng.sample(neighbours, min(len(neighbours), rng.randint(0, 2))):
            sentences += rng.sample(neighbour.own[number], 1)
        return sentences

    def section(self, number: int, unit: _Unit, neighbours: list[_Unit]) -> list[str]:
        if number == 1:
            opening = "{year}年，{organ}" + self.rng.choice(("认真贯彻落实上级部署，", "紧紧围绕中心工作，",
                                                              "坚持以人民为中心，")) + "扎实推进政务公开各项工作。"
            return [opening, *self.part(1, unit, neighbours)]
        problems, plans = self.part(5, unit, neighbours), self.part(6, unit, neighbours)
        return [_PARTS[0] + problems[0], *problems[1:], _PARTS[1] + plans[0], *plans[1:]]

    def copied(self, number: int, source: list[str]) -> list[str]:
        """``source`` (a neighbour's section) as a copier writes it."""
        out = list(source)
        change = self.rng.random()
        if change < 0.3 and len(out) > 3:
            del out[self.rng.randrange(1, len(out))]
        elif change < 0.6:
            out.insert(self.rng.randrange(1, len(out) + 1), self.own(number if number == 1 else 6))
        elif change < 0.8:
            i = self.rng.randrange(1, len(out))
            out[i] = out[i].replace("，", "，同时", 1)
        return out


def copy_corpus_specs(n: int, seed: int = 0) -> list[ReportSpec]:
    """The ``n`` reports of a corpus (module docstring) as specs."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    districts = [f"{writer.word(2)}区" for _ in range((n + DISTRICT - 1) // DISTRICT)]
    units: list[_Unit] = []
    specs = []
    for index in range(n):
        district = index // DISTRICT
        unit = _Unit(writer.organ(districts[district]), district)
        neighbours = [u for u in units[district * DISTRICT:] if u.district == district]
        for number in (1, 5):
            if neighbours and rng.random() < COPY_RATE:
                source = rng.choice(neighbours)
                unit.own.update({k: v for k, v in source.own.items() if k in (number, number + 1)})
                unit.prose[number] = writer.copied(number, source.prose[number])
            else:
                unit.prose[number] = writer.section(number, unit, neighbours)
        units.append(unit)
        values = consistent_values(rng, TEMPLATE, scale=rng.choice((3, 30)))
        specs.append(ReportSpec(unit.organ, YEAR, values, prose=dict(unit.prose)))
    return specs


def generate_copy_corpus(directory: str | Path, n: int, seed: int = 0) -> list[Path]:
    """Write the ``n`` reports of a corpus (module docstring) to
    ``directory`` as ``NNNN-LAYOUT.txt|.md``; returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    paths = []
    for index, spec in enumerate(copy_corpus_specs(n, seed)):
        layout = rng.choice(LAYOUTS)
        path = directory / f"{index:04d}-{layout}{EXTENSIONS[layout]}"
        path.write_text(render(spec, layout), encoding="utf-8")
        paths.append(path)
    return paths


__all__ = ["COPY_RATE", "DISTRICT", "YEAR", "copy_corpus_specs", "generate_copy_corpus"]
