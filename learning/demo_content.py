# ruff: noqa: E501 - long lines of Chinese demo text read better unbroken
"""Demo study materials and text pools, drawn from the year-end speech and written in the portal's own words."""

# (slug, title, summary, estimated minutes, topics, framework item codes, body blocks)
MATERIALS = [
    (
        "san-si", "拟稿前的“三思”",
        "动笔之前先想清楚意图、框架和素材。 Before drafting: think through the intent, the outline and the sources.",
        15, ["周到细致", "文稿"], ["CARELESS_DETAIL", "CARELESS_DOING"],
        [
            ("paragraph", "<p>一篇文稿写得好不好，很大程度上在动笔之前就决定了。接到任务先别急着打开文档，花十分钟把下面三件事想清楚。</p>"),
            ("checklist", {"title": "拟稿前三思", "items": [
                "一思：领导的主要意图是什么，要达到什么目标？",
                "二思：总体框架怎么搭，提纲是三段式还是四段式？",
                "三思：素材从哪儿来，是查资料还是向部门要？",
            ]}),
            ("quote", {"text": "三思而后行，才能成竹在胸。", "source": "年终讲话"}),
            ("paragraph", "<p>练习：把你手头正在写的一篇稿子，用三句话分别回答上面三个问题，写进今晚的学习记录。</p>"),
        ],
    ),
    (
        "san-wen", "接待前的“三问”",
        "接到接待任务，先问等级、客方联络人和我方牵头人。 Before a reception: ask the level, the guests' contact and our lead.",
        12, ["周到细致", "接待"], ["CARELESS_DETAIL", "MODEST_GRASSROOTS"],
        [
            ("paragraph", "<p>接待没有彩排的机会。三个问题问在前面，后面的安排才有依据。</p>"),
            ("checklist", {"title": "接待前三问", "items": [
                "一问接待等级和档次：决定场所和标准。",
                "二问客方联络人：掌握人数、姓名、职务，安排桌数、席卡、席次、着装和礼品。",
                "三问我方牵头人：便于及时请示、确定时间。",
            ]}),
            ("heading", {"text": "分清轻重缓急"}),
            ("paragraph", "<p>接待场所先定，其他事情再排；从牵一发而动全身的事情入手。</p>"),
        ],
    ),
    (
        "san-kan", "会议通知发出后的“三看”",
        "通知发出不等于事情办完：回头看收到、看到会、看遗漏。 After a meeting notice: check receipt, attendance and omissions.",
        10, ["周到细致", "会务"], ["CARELESS_DETAIL"],
        [
            ("paragraph", "<p>一条会议通知发出去，工作才做了一半。要经常回头看。</p>"),
            ("checklist", {"title": "通知发出后三看", "items": [
                "一看参会对象收到了没有，没收到要再联系。",
                "二看是否准时参加：请假是否履行手续，代替人员名单是否已交到会场安排人员手中。",
                "三看有无遗漏：根据会议内容，是否还有其他单位需要参加。",
            ]}),
            ("quote", {"text": "一丝不苟、反复核对，才能做到零失误。", "source": "年终讲话"}),
        ],
    ),
    (
        "zhun-kuai-ming", "准、快、明：办公室的效率",
        "谋事要准，动作要快，职责要明。 Efficiency in three words: accurate, fast, clear.",
        15, ["效率"], ["CARELESS_DOING", "CARELESS_POST"],
        [
            ("heading", {"text": "谋事要“准”"}),
            ("paragraph", "<p>当好事前诸葛亮，领会意图，撰写文稿、安排活动与领导的思路合拍，既有前瞻性，更有针对性。</p>"),
            ("heading", {"text": "动作要“快”"}),
            ("paragraph", "<p>雷厉风行、争分夺秒。小事当日办结，大事提前完成。宁可人等事，不可事等人。</p>"),
            ("heading", {"text": "职责要“明”"}),
            ("paragraph", "<p>从秘书长到处长再到每一名干部职工，各司其职、各负其责，管理无空隙，服务不断档。</p>"),
        ],
    ),
    (
        "san-ge-san-fen-zhi-er", "三个三分之二",
        "把工作完成在时限的三分之二之内，为修改和意外留出余地。 Finish within two thirds of the time available.",
        8, ["效率"], ["CARELESS_DOING", "CARELESS_SELF_IMPROVEMENT"],
        [
            ("checklist", {"title": "三个三分之二", "items": [
                "讲话稿：在会前时段的三分之二时间内提交送审稿。",
                "承办活动：在举办前时段的三分之二时间内准备完毕、接受验收。",
                "年度信息和调研任务：在全年三分之二时间内完成目标。",
            ]}),
            ("paragraph", "<p>为什么是三分之二？剩下的三分之一留给审改、核对和意外。试着把本周的一项任务按这个节奏倒排时间。</p>"),
        ],
    ),
    (
        "shi-da-mu-biao", "全年“十大目标”",
        "办公室全年十项目标和其中的硬指标。 The office's ten targets for the year and their figures.",
        20, ["年度目标"], ["CARELESS_POST", "LOOK_COLLECTIVE"],
        [
            ("paragraph", "<p>十大目标是全办一年的方向。读的时候想一想：我的岗位对应哪几条？</p>"),
            ("checklist", {"title": "十大目标", "items": [
                "整体服务上水平", "文稿起草出精品",
                "调查研究见成果：每个处室撰写调研文章3篇以上",
                "接待活动零差错",
                "建议提案重满意：办复率100%，满意率95%以上",
                "信息报送争一流",
                "办文办话求质效：市长公开电话办结率98%、满意率95%以上",
                "政务督查促落实", "体制机制再创新",
                "素质提升抓全面：每个人每天都有新体会",
            ]}),
        ],
    ),
    (
        "si-kan", "以“四看”为镜",
        "看同事、看工作、看集体、看自己。 The four looks: colleagues, work, the collective, oneself.",
        15, ["积极向上", "自省"], ["LOOK_COLLEAGUES", "LOOK_WORK", "LOOK_COLLECTIVE", "LOOK_SELF"],
        [
            ("paragraph", "<p>“四看”是一面镜子，照的是自己。每一看都要写下来，而不只是打个分。</p>"),
            ("checklist", {"title": "四看", "items": [
                "看同事、向榜样对齐：这周我向谁学到了什么？",
                "看工作、找出得与失：哪件事做得好，哪件事可以重来？",
                "看集体、问个人贡献大与小：我为处室做了什么？",
                "看自己、知道长处与短处：我的一个长处，一个短处。",
            ]}),
            ("quote", {"text": "我没有虚度在办公室的时光。", "source": "年终讲话"}),
        ],
    ),
    (
        "bu-gai-shuo-de-bu-shuo", "不该说的不说，不该传的不传",
        "了解重要政策信息，守口如瓶。 Knowing important policy information: keep it to yourself.",
        10, ["低调", "保密"], ["MODEST_POLICY_INFO", "CARELESS_WORDS"],
        [
            ("paragraph", "<p>在办公室工作，常常比别人早知道一些消息。越是这样，越要管住嘴。</p>"),
            ("checklist", {"title": "开口之前问自己", "items": [
                "这件事已经公开了吗？", "说出去对工作有什么帮助？", "我的身份适合说这句话吗？",
            ]}),
        ],
    ),
    (
        "ping-chang-xin", "身在机关，保持平常心",
        "在全市最高行政机关工作，更要谦虚谨慎。 Working in the city's highest organ: stay modest.",
        10, ["低调"], ["MODEST_HIGH_ORGAN", "CARELESS_AUTHORITY"],
        [
            ("paragraph", "<p>我们接近权力中心，一言一行都可能被人关注。平台高不等于个人高，保持一颗平常心、敬畏心。</p>"),
            ("quote", {"text": "敬畏组织、敬畏法纪、敬畏事业。", "source": "年终讲话"}),
        ],
    ),
    (
        "mian-dui-ji-ceng", "面对基层服务对象",
        "不摆架子，以礼相待，把事情办好。 Facing the people we serve: courtesy, not superiority.",
        10, ["服务"], ["MODEST_GRASSROOTS"],
        [
            ("paragraph", "<p>来电、来访、来文的基层同志，是我们服务的对象，不是我们指挥的对象。</p>"),
            ("checklist", {"title": "接待基层来访", "items": [
                "起身相迎，先请坐、再倒水。", "听完再说，说清楚能办什么、什么时候办。", "留下联系方式，办完主动告知。",
            ]}),
        ],
    ),
    (
        "tong-shi-zhi-jian", "同事之间：职高位重不张扬",
        "无论职务高低，平等相待、相互尊重。 Among colleagues: equal respect whatever the post.",
        8, ["团队"], ["MODEST_RANK", "CARELESS_COLLEAGUES"],
        [
            ("paragraph", "<p>团队是诚信、团队、效率“三大建设”之一。欣赏同事、学习同事、团结同事，从平等相待开始。</p>"),
        ],
    ),
    (
        "ling-cha-cuo", "零失误、零差错：校对的功夫",
        "每一项工作都是没有补考机会的考试。 Every task is an exam without a resit.",
        12, ["零差错", "周到细致"], ["CARELESS_DETAIL"],
        [
            ("paragraph", "<p>运动员可以失败千百次、成功一次；办公室的工作可以成功很多次，却不能失败一次。</p>"),
            ("checklist", {"title": "发文前的核对", "items": [
                "人名、职务、单位名称逐一核对。", "日期、数字与原始材料比对。", "附件是否齐全、顺序是否正确。", "请一位同事再读一遍。",
            ]}),
        ],
    ),
    (
        "qin-li-qin-wei", "珍惜岗位：从“二传手”到亲历亲为",
        "不做二传手和甩手掌柜，重要的事亲自过手。 Do the work yourself, not as a mere relay.",
        12, ["担当"], ["CARELESS_POST", "CARELESS_DOING"],
        [
            ("paragraph", "<p>在岗位上久了，容易觉得一切都是理所当然。回想一下刚到办公室时的心情，这个岗位来之不易。</p>"),
            ("paragraph", "<p>转交一份材料前，先自己读一遍、想一想：我能为它增加什么？</p>"),
        ],
    ),
    (
        "san-xin", "事业心、责任心、进取心",
        "每晚一小时，每天有新体会。 One hour every evening, one new insight every day.",
        10, ["学习"], ["CARELESS_SELF_IMPROVEMENT", "LOOK_SELF"],
        [
            ("paragraph", "<p>学习型机关从每个人的每一晚开始。记录的重点是体会，不是分钟数。</p>"),
            ("quote", {"text": "每个人每天都有新体会、素质都有新提升。", "source": "年终讲话"}),
        ],
    ),
    (
        "zun-zhong-quan-wei", "尊重领导，把握分寸",
        "服务领导多年，更要守住分寸感。 Long service to leaders calls for a sense of measure.",
        8, ["遵章守纪"], ["CARELESS_AUTHORITY", "CARELESS_WORDS"],
        [
            ("paragraph", "<p>熟悉不等于随意。请示要及时，汇报要准确，意见可以提，方式要得当。</p>"),
        ],
    ),
]  # fmt: skip

INSIGHT_OPENINGS = [
    "今天",
    "今晚回顾一天，",
    "下午改稿时，",
    "上午开会时，",
    "读了学习资料后，",
    "和同事交流后，",
    "复盘这周的工作，",
]
INSIGHT_CORES = [
    "发现自己核对数字时太依赖记忆，差点把去年的数据写进材料",
    "体会到“三思”的第一思最关键，意图没吃透，框架再好也白搭",
    "向老同志学到了接待前先问清联络人的习惯",
    "意识到通知发出后回头看一遍，真的能发现遗漏",
    "明白了“宁可人等事，不可事等人”不是口号，而是每天的节奏",
    "感到自己在电话里的语气有些急，对基层同志不够耐心",
    "把一项任务按“三个三分之二”倒排了时间，心里踏实多了",
    "注意到转交材料前自己先读一遍，能发现不少问题",
    "觉得同事之间多一句提醒，就少一次返工",
    "体会到不该说的不说，是对工作负责，也是对自己负责",
    "反思自己最近当了几次“二传手”，没有亲自过手",
    "读到“每一项工作都是没有补考机会的考试”，很受触动",
    "发现校对时请同事再读一遍，效果比自己读三遍还好",
    "认识到调研文章要从问题出发，而不是从材料出发",
    "感到在机关工作更要保持平常心，不能把平台当成自己的本事",
]
INSIGHT_ACTIONS = [
    "明天起先列核对清单再动笔。",
    "下周把这个做法写进处室的工作提示。",
    "以后每次发通知都留十分钟回头看。",
    "准备把这条记在笔记本首页。",
    "明天找机会向她请教细节。",
    "今后遇到类似情况先问清楚再办。",
    "",
]
SOURCES = ["《政府工作报告》", "处室周例会纪要", "《公文处理条例》", "学习强国文章", "老同志的经验分享", ""]

IDEAS = [
    (
        "会议通知发出后自动提醒回执",
        "work_method",
        "建议在办公系统中为会议通知增加回执状态一览，发出两小时后自动提示未回执单位，减少电话逐一核实的时间。",
    ),
    (
        "来访登记表改为一页纸",
        "service",
        "现在的来访登记表有两页，很多信息重复。建议精简为一页，并把常见问题的办理时限印在背面，方便基层同志。",
    ),
    (
        "文稿素材库按主题归档",
        "efficiency",
        "建议建立处室共享的素材库，按主题归档历年数据和典型案例，拟稿时不必每次重新向部门要材料。",
    ),
    (
        "每周五下午十分钟“回头看”",
        "work_method",
        "建议每周五下午用十分钟，各处室对照本周发出的通知和文件做一次回头看，及时发现遗漏。",
    ),
    (
        "公开电话常见问题知识卡",
        "service",
        "把市长公开电话中最常见的二十个问题整理成知识卡，接线员可以更快、更准确地答复。",
    ),
    (
        "接待三问做成模板",
        "efficiency",
        "把接待前“三问”做成电子模板，接到任务时先填模板，再开始安排，避免遗漏桌数、席卡等细节。",
    ),
    (
        "新同事第一周带教清单",
        "other",
        "为新到办公室的同事准备一份第一周带教清单，包括常用制度、联系人和三思三问三看的做法。",
    ),
    ("调研选题征集", "work_method", "每季度初向各处室征集调研选题，避免选题重复，也便于成果转化为决策参考。"),
    (
        "打印前核对清单贴在打印机旁",
        "efficiency",
        "在打印机旁贴一张发文核对清单：人名、职务、日期、数字、附件，打印前看一眼。",
    ),
    ("节假日值班交接表", "other", "统一节假日值班交接表的格式，记录未办结事项和联系人，交接更清楚。"),
]
MANAGER_NOTES = {
    "under_study": [
        "想法很实在，处里先研究一下可行性。",
        "已转综合处一起研究。",
        "这个问题确实存在，我们下周例会讨论。",
    ],
    "adopted": ["采纳。请你牵头拟一个具体方案。", "经研究采纳，下月起试行。", "很好的建议，已报秘书长同意。"],
    "not_adopted": ["目前系统条件还不具备，先记下，条件成熟时再议。", "和现有制度有重复，暂不采纳，谢谢你的思考。"],
    "implemented": ["已在全处推行，效果不错。", "已落实，本月起执行。"],
}
