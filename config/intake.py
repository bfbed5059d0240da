"""Where staff send materials and where evaluators open packets (the programme's `intake:` block)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

# The notice: 打包报送至省总工会邮箱（ahghflb@163.com）.
NOTICE_MAILBOX = "ahghflb@163.com"


class Intake(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    mailbox: str = Field(NOTICE_MAILBOX, description="各单位报送材料的省总工会邮箱（提醒中写明）")
    packets_base_url: str | None = Field(
        None, description="评审人员打开评估材料的网址前缀（如 https://legalcap.example/packets/2026/）；"
                          "不填时提醒中不给链接，请评审人员向省总工会索取")
    attach_index: bool = Field(False, description="评估材料生成后，是否把汇总页面作为邮件附件发给评审人员")
    attach_index_max_kb: Annotated[int, Field(gt=0)] = Field(
        2048, description="汇总页面作为附件的大小上限（KB）")

    @field_validator("mailbox")
    @classmethod
    def _looks_like_address(cls, value: str) -> str:
        value = value.strip()
        local, at, domain = value.partition("@")
        if not (local and at and "." in domain) or any(c.isspace() for c in value):
            raise ValueError(f"报送邮箱“{value}”不是有效的电子邮件地址")
        return value

    @field_validator("packets_base_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"评估材料网址“{value}”须以 https:// 或 http:// 开头")
        return value if value.endswith("/") else value + "/"
