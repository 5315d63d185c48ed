"""Classic cross-site scripting payloads, put through every free-text field by the XSS tests.

A payload that ran would call ``alert()`` or set ``window.__xss``: the browser test watches for
both. No NUL characters (PostgreSQL refuses them; the fuzz tests cover NUL).
"""

LONG_PAYLOAD = '<img src=x onerror="window.__xss=1">' + "很长的体会。" * 800

XSS_PAYLOADS: tuple[str, ...] = (
    # Script elements, plain and disguised.
    "<script>alert(1)</script>",
    "<script>window.__xss=1</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=data:,alert(1)></script>",
    "<script>/*</script><svg onload=alert(1)>*/</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<script type="text/javascript">window.__xss=1;</script>',
    "<<script>alert(1)//<</script>",
    # Event handlers on ordinary elements.
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="window.__xss=1">',
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror=alert`1`>",
    "<svg onload=alert(1)>",
    "<svg/onload=window.__xss=1>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<div style="width:expression(alert(1))">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # javascript: and data: URLs.
    '<a href="javascript:alert(1)">点我</a>',
    '<a href="JaVaScRiPt:window.__xss=1">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    "javascript:alert(1)",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<form action="javascript:alert(1)"><button>提交</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    # Breaking out of attributes, text areas, scripts and JSON.
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "]]><script>alert(1)</script>",
    '\\"};alert(1);//',
    "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E",
    # Template injection: must come out as the same text.
    "{{ 7|add:7 }}{% debug %}",
    "{% csrf_token %}{{ request.user.password }}",
    "${alert(1)}#{alert(1)}",
    # Plotly's label markup: links, line breaks, sub- and superscripts, styles.
    '<a href="javascript:alert(1)">张</a>',
    "<a href='javascript:window.__xss=1' target='_blank'>处室</a>",
    "王<br>芳<sub>1</sub><sup>2</sup><b>粗</b><i>斜</i>",
    '<span style="font-size:90px;color:red">大字</span>',
    "%{fullData.name}%{x}<extra>%{y}</extra>",
    # Encoded and split variants.
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "<img src=x\u000conerror=alert(1)>",
    # Unicode look-alike brackets and a formula start.
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\u2039img src=x onerror=alert(1)\u203a",
    '=HYPERLINK("javascript:alert(1)","点我")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    LONG_PAYLOAD,
    "-1+1|<script>alert(1)</script>",
)
