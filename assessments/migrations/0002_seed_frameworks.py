"""Seed the office's three frameworks (DOMAIN.md), with behaviour anchors in the portal's own words."""

from django.db import migrations

# (code, name_zh, name_en, kind, description_zh, description_en, items)
# item: (code, title_zh, title_en, description_zh, description_en, (1 zh, 1 en), (3 zh, 3 en), (5 zh, 5 en))
FRAMEWORKS = [
    (
        "SEVEN_CARELESS", "七个不太在意", "The seven carelessnesses", "rated",
        "七个方面的“不太在意”，是要克服的问题。请对照日常工作，评一评自己克服得怎么样：1 表示还很明显，5 表示已经克服。",
        "Seven kinds of carelessness to overcome. Rate how far you have overcome each in your daily work: "
        "1 means it is still plain to see, 5 means it is overcome.",
        [
            ("CARELESS_POST", "对岗位不太在意", "Careless of one's post",
             "在岗位上久了，是否还感到这个岗位的珍贵和重要。",
             "After long years in a post, do I still feel how precious and important it is?",
             ("把岗位当作理所当然，工作只求过得去。", "I take my post for granted and aim only to get by."),
             ("多数时候珍惜岗位，忙起来会有应付的时候。", "I value my post most of the time, but coast when busy."),
             ("时时想到岗位的分量，每件事都按最高标准去做。",
              "I keep the weight of my post in mind and hold every task to the highest standard.")),
            ("CARELESS_DOING", "对做事不太在意", "Careless of doing things oneself",
             "是亲历亲为，还是当“二传手”“甩手掌柜”。",
             "Do I do the work myself, or act as a mere relay (二传手) or a hands-off boss (甩手掌柜)?",
             ("多数事情转手交办，自己不摸实情。", "I pass most tasks on and do not know the facts myself."),
             ("重要的事自己做，其余常常只是转一转。", "I do the important things myself and relay the rest."),
             ("亲历亲为，交办的事也跟到底、心中有数。",
              "I do the work myself and follow what I hand over through to the end.")),
            ("CARELESS_AUTHORITY", "对权威不太在意", "Careless of authority",
             "长期在领导身边工作，是否还有分寸感，是否尊重领导。",
             "Serving leaders for years, do I keep a sense of measure and due respect?",
             ("说话办事失了分寸，对领导的要求随意处置。",
              "I lose my sense of measure and treat leaders' instructions casually.")),
            ("CARELESS_WORDS", "对讲话不太在意", "Careless of one's words",
             "是否上传下达走了样，是否说话不假思索、说了与身份不符的话。",
             "Do I distort messages passed up and down, speak without thinking, or say things unfit for my role?",
             ("常常随口一说，转述时添油加醋或走样。", "I often speak offhand and pass messages on inaccurately."),
             ("正式场合注意分寸，私下有时说话随意。", "I am careful on formal occasions, less so in private talk."),
             ("开口前先想一想，转述准确，不该说的不说。",
              "I think before I speak, relay messages exactly and keep back what should not be said.")),
            ("CARELESS_DETAIL", "对细节不太在意", "Careless of details",
             "离“零失误、零差错”还有多远。",
             "How far am I from \"zero mistakes, zero errors\" (零失误、零差错)?",
             ("文稿、数字、时间常出差错，要靠别人把关。",
              "Errors in drafts, figures and times are common; others have to catch them.")),
            ("CARELESS_COLLEAGUES", "对同事不太在意", "Careless of colleagues",
             "是否欣赏同事、向同事学习、与同事团结协作。",
             "Do I appreciate colleagues, learn from them and work together with them?",
             ("只顾自己的事，很少留意同事的长处和难处。",
              "I mind my own work and rarely notice colleagues' strengths or difficulties.")),
            ("CARELESS_SELF_IMPROVEMENT", "对提高自身素质不太在意", "Careless of self-improvement",
             "事业心、责任心、进取心是否还需要加强。",
             "Do my dedication, sense of responsibility and drive (事业心、责任心、进取心) need raising?",
             ("满足于现有本领，很少主动学习。", "I am content with what I know and rarely study of my own accord.")),
        ],
    ),
    (
        "FOUR_LOOKS", "四看", "The four looks", "reflective",
        "四看是一面镜子。请就每一看写下真实的反思，评分可以不填。",
        "The four looks are a mirror. Write an honest reflection for each look; a rating is optional.",
        [
            ("LOOK_COLLEAGUES", "看同事、向榜样对齐", "Look at colleagues, align with role models",
             "身边谁是榜样？我和他差在哪里，准备怎么对齐？",
             "Who around me is a role model? Where do I fall short of them, and how will I close the gap?",
             ("说不出身边的榜样，也没有对照过自己。", "I cannot name a role model and have not compared myself."),
             ("知道榜样是谁，偶尔对照。", "I know who the role models are and compare myself now and then."),
             ("有明确的榜样，并已在具体事情上向他看齐。",
              "I have a clear role model and have already followed their example in concrete things.")),
            ("LOOK_WORK", "看工作、找出得与失", "Look at the work, find gains and losses",
             "这一期工作中，做得好的和做得不好的各是什么？",
             "In this period's work, what went well and what went badly?",
             ("只看到做了多少，没有总结得失。", "I count what I did without weighing gains and losses."),
             ("能说出得失，但原因想得不深。", "I can name gains and losses but have not thought through why."),
             ("得失清楚，原因找准，下一步有改进办法。",
              "I see gains and losses clearly, know their causes and have a way to improve.")),
            ("LOOK_COLLECTIVE", "看集体、问个人贡献大与小", "Look at the collective, ask how large one's contribution is",
             "处室和办公室的成绩里，有我多大的贡献？",
             "How much have I contributed to what my department and the office achieved?",
             ("很少想到集体，只管分内的事。", "I rarely think of the collective and do only my own part.")),
            ("LOOK_SELF", "看自己、知道长处与短处", "Look at oneself, know strengths and weaknesses",
             "我的长处是什么，短处是什么？",
             "What are my strengths, and what are my weaknesses?",
             ("说不清自己的长处和短处。", "I cannot say what my strengths and weaknesses are.")),
        ],
    ),
    (
        "FOUR_MODESTIES", "四个不张扬", "The four non-ostentations", "rated",
        "低调做人。请对照日常言行，评一评自己做得怎么样：1 表示常有张扬，5 表示始终低调。",
        "Keep a low profile. Rate your daily words and conduct: 1 means often ostentatious, 5 means always modest.",
        [
            ("MODEST_POLICY_INFO", "了解重要的政策信息不张扬", "Knowing important policy information, do not flaunt it",
             "不该说的不说、不该传的不传。",
             "Do not say what should not be said; do not pass on what should not be passed on.",
             ("曾向无关的人透露或暗示掌握的内部信息。",
              "I have let slip or hinted at inside information to people who had no need to know."),
             ("守得住密，但有时会显露“我知道”。", "I keep secrets but sometimes show that \"I know\"."),
             ("不该说的不说、不该传的不传，也不显露自己知道。",
              "I say and pass on nothing I should not, and do not show that I know.")),
            ("MODEST_HIGH_ORGAN", "身居全市最高行政机关不张扬", "Working in the city's highest administrative organ, "
             "do not flaunt it", "保持平常心，不以机关身份自居。",
             "Keep an ordinary heart (平常心); do not trade on where you work.",
             ("在外常提自己的单位，以此办事或抬高自己。", "I often mention where I work to get things done or to look important."),
             ("一般不提，偶尔会借单位的名头。", "I seldom mention it, but occasionally trade on the office's name."),
             ("始终保持平常心，以普通干部的身份待人办事。",
              "I keep an ordinary heart and deal with everyone as an ordinary official.")),
            ("MODEST_GRASSROOTS", "面对基层服务对象不张扬", "Facing grassroots people one serves, do not flaunt",
             "对基层和服务对象没有优越感，以礼相待。",
             "No sense of superiority towards grassroots staff and the people served; treat them with courtesy.",
             ("对基层来人来电态度生硬，居高临下。",
              "I am curt and condescending with callers and visitors from the grassroots."),
             ("态度总体客气，忙时会不耐烦。", "I am polite on the whole but impatient when busy."),
             ("对基层一视同仁、耐心周到，对方愿意再来找我。",
              "I treat the grassroots with patience and care, and people are glad to come back to me.")),
            ("MODEST_RANK", "同事之间职高位重不张扬", "Among colleagues, do not flaunt rank",
             "无论职务高低，同事之间平等相待。",
             "Treat colleagues as equals whatever their post.",
             ("按职务高低区别对待同事。", "I treat colleagues differently according to their rank."),
             ("多数时候平等相待，偶尔端架子。", "I treat colleagues as equals most of the time, with the odd airs."),
             ("不论对谁都平等尊重，从不以职务压人。",
              "I respect everyone equally and never use my rank to press others.")),
        ],
    ),
]  # fmt: skip

# The items above that list only the anchor for 1 get their 3 and 5 here (kept apart for readability).
MORE_ANCHORS = {
    "CARELESS_AUTHORITY": (
        ("尊重领导，偶尔会凭经验替领导做主。", "I respect leaders, but now and then decide on their behalf from habit."),
        ("分寸得当，请示报告及时，既尊重又敢于如实反映情况。",
         "I keep due measure, report in time, and respect leaders while telling them the facts plainly."),
    ),
    "CARELESS_DETAIL": (
        ("大多数材料没有差错，赶时间时会出小问题。", "Most of my work is error-free; small slips happen under time pressure."),
        ("三思三问三看成为习惯，本期零失误、零差错。",
         "Checking before and after (三思、三问、三看) is a habit; no mistakes or errors this period."),
    ),
    "CARELESS_COLLEAGUES": (
        ("与同事相处融洽，但主动学习和补台不多。",
         "I get on with colleagues but seldom learn from them or step in to help."),
        ("真心欣赏同事，常向他们请教，主动补台、团结协作。",
         "I truly value colleagues, often learn from them and step in to help the team."),
    ),
    "CARELESS_SELF_IMPROVEMENT": (
        ("完成了规定的学习，自我提高的计划不多。",
         "I do the required study but have few plans of my own to improve."),
        ("每晚坚持学习、有新体会，主动承担有挑战的工作。",
         "I study every evening, gain new insights and take on challenging work."),
    ),
    "LOOK_COLLECTIVE": (
        ("知道集体的目标，贡献主要在分内。", "I know the collective's goals; my contribution stays within my own duties."),
        ("清楚自己对集体目标的具体贡献，并主动多做一步。",
         "I can name my concrete contribution to the collective and go a step further of my own accord."),
    ),
    "LOOK_SELF": (
        ("大致知道长短，但没有对照改进。", "I roughly know my strengths and weaknesses but do not act on them."),
        ("长处用得上，短处有计划地补，并请同事帮我看。",
         "I put my strengths to use, work on my weaknesses to a plan and ask colleagues to check me."),
    ),
}


def seed(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Item = apps.get_model("assessments", "Item")
    for order, (code, name_zh, name_en, kind, desc_zh, desc_en, items) in enumerate(FRAMEWORKS, start=1):
        framework = Framework.objects.create(
            code=code, name_zh=name_zh, name_en=name_en, kind=kind, description_zh=desc_zh,
            description_en=desc_en, order=order,
        )  # fmt: skip
        for item_order, (item_code, title_zh, title_en, d_zh, d_en, one, *rest) in enumerate(items, start=1):
            three, five = rest if rest else MORE_ANCHORS[item_code]
            Item.objects.create(
                framework=framework, code=item_code, order=item_order, title_zh=title_zh, title_en=title_en,
                description_zh=d_zh, description_en=d_en, anchor_1_zh=one[0], anchor_1_en=one[1],
                anchor_3_zh=three[0], anchor_3_en=three[1], anchor_5_zh=five[0], anchor_5_en=five[1],
            )  # fmt: skip


def unseed(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Item = apps.get_model("assessments", "Item")
    codes = [framework[0] for framework in FRAMEWORKS]
    Item._base_manager.filter(framework__code__in=codes).delete()
    Framework.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
