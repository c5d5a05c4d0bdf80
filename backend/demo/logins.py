"""The demo logins: one per role, all with the same password (printed by ``manage.py demo_logins``)."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "innolink-demo"
DEMO_DOMAIN = "demo.innolink.cn"
# Fixed salt: the same password hash on every load, so reloading writes nothing.
# The password is public anyway; these accounts exist only in demo databases.
DEMO_PASSWORD_SALT = "innolinkdemosalt2026"
# Generated people (founders, mentors, staff) get this unusable password: they
# exist to be matched and listed, not to log in.
NO_LOGIN_PASSWORD = "!demo-account-without-login"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str
    organisation: str  # where the person works (the membership, or a mentor's affiliation)
    title: str


STARTUP_NAME = "长春光迹光电科技有限公司"
STARTUP_CARRIER = "吉林省光电子产业孵化器"

DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin("startup", f"startup@{DEMO_DOMAIN}", "林晓光", STARTUP_NAME, "创始人、总经理"),
    DemoLogin("mentor", f"mentor@{DEMO_DOMAIN}", "周明哲", "中国科学院长春光学精密机械与物理研究所", "研究员"),
    DemoLogin("investor", f"investor@{DEMO_DOMAIN}", "陈思远", "深圳湾科创", "投资总监"),
    DemoLogin("bank", f"bank@{DEMO_DOMAIN}", "王海燕", "吉林银行", "科技金融部客户经理"),
    DemoLogin("organizer", f"organizer@{DEMO_DOMAIN}", "赵立新", "吉林省科学技术厅", "成果转化与区域创新处"),
    DemoLogin("admin", f"admin@{DEMO_DOMAIN}", "平台管理员", "Innolink 创联", "平台运营"),
]

LOGIN_BY_ROLE = {login.role: login for login in DEMO_LOGINS}
