"""Runtime settings from the environment (prefix LEGALCAP_)."""

from __future__ import annotations

import os
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

CONFIG_DIR = Path(__file__).resolve().parent
LogLevel = Annotated[Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
                     BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v)]


class Settings(BaseSettings):
    """Where legalcap keeps its state and which database it uses."""

    model_config = SettingsConfigDict(env_prefix="LEGALCAP_", extra="ignore")

    home: Path = Field(default=Path("./var"), description="数据目录：数据库、发件箱、评估材料包、Prefect")
    database_url: str | None = Field(default=None, description="留空则使用 home 下的 SQLite")
    notify_config: Path | None = Field(default=None, description="Apprise 路由配置（YAML）")
    log_level: LogLevel = Field(default="INFO", description="legalcap 自身日志级别")
    archive_roots: list[Path] = Field(
        default_factory=list, description="允许登记档案文件的目录（JSON 列表）；默认当前目录与 home")
    dispatch_deadline_seconds: float = Field(
        default=240, gt=0, description="一次发送的总时限（秒）：超过后不再开始新消息，其余留待下次")
    dispatch_claim_seconds: float = Field(
        default=900, gt=0, description="发送前认领提醒的有效期（秒，按真实时钟；至少比总时限长 5 分钟）")
    backup_keep: int = Field(
        default=7, ge=0, description="每日检查保留最近几天的 SQLite 数据库备份（home/backups/）；0 为不备份")
    # mailbox intake (tasks/mailbox): the password comes only from LEGALCAP_MAILBOX_PASSWORD
    mailbox_url: str | None = Field(
        default=None, description="报送邮箱 imaps://用户名@主机:端口/文件夹（不含密码）")
    mailbox_password: SecretStr | None = Field(
        default=None, description="邮箱授权码（或密码），只从环境变量读取，不显示、不记录")
    mailbox_processed_folder: str = Field(default="已登记", description="登记完成的邮件移入此文件夹")
    mailbox_mark: Literal["move", "flag"] = Field(
        default="move", description="登记完成后：move 移入已登记文件夹，flag 只加标记（不移动）")
    mailbox_max_attachment_mb: float = Field(default=25, gt=0, description="单个附件（含解压后）上限（MB）")
    mailbox_zip_max_entries: int = Field(default=200, gt=0, description="压缩包内文件数上限")
    mailbox_zip_max_total_mb: float = Field(default=200, gt=0, description="压缩包解压后总大小上限（MB）")
    mailbox_zip_max_ratio: float = Field(default=100, gt=1, description="压缩包解压倍数上限（防压缩炸弹）")
    mailbox_timeout_seconds: float = Field(default=60, gt=0, description="连接邮箱服务器的超时（秒）")
    # receipts to the exact sender (notifications/direct_mail.py): the password only from the environment
    smtp_url: str | None = Field(
        default=None, description="回执发件邮箱，如 mailtos://用户名@163.com（不含密码）")
    smtp_password: SecretStr | None = Field(
        default=None, description="发件邮箱授权码，只从环境变量 LEGALCAP_SMTP_PASSWORD 读取，不显示、不记录")
    outbox_files_keep_days: int = Field(
        default=30, ge=0, description="发件附件（home/outbox-files/）在引用它的提醒均已发出或放弃后保留几天")
    # web portal (legalcap web): the signing key only from LEGALCAP_WEB_SECRET_KEY, else a file in home
    web_secret_key: SecretStr | None = Field(
        default=None, description="门户会话签名密钥（至少 32 位）；留空则自动生成，存于 home/web-secret.key")
    web_cookie_secure: bool = Field(
        default=False, description="会话 Cookie 只经 HTTPS 发送（门户经 HTTPS 提供时设为 true）")
    web_session_idle_minutes: int = Field(default=30, gt=0, description="门户无操作多少分钟后需重新登录")
    web_session_max_hours: int = Field(default=12, gt=0, description="门户登录最长有效小时数（无论是否操作）")
    web_login_attempts: int = Field(default=5, gt=0, description="同一账号或同一地址连续登录失败多少次后锁定")
    web_lockout_minutes: int = Field(default=15, gt=0, description="登录失败过多后锁定的分钟数")
    web_upload_max_mb: float = Field(default=20, gt=0, description="门户单个上传文件上限（MB），超过即拒收")

    @cached_property
    def home_dir(self) -> Path:
        path = self.home.expanduser().resolve()
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home_dir / 'legalcap.db'}"

    @property
    def outbox_dir(self) -> Path:
        return self.home_dir / "outbox"

    @property
    def packets_dir(self) -> Path:
        return self.home_dir / "packets"

    @property
    def backups_dir(self) -> Path:
        return self.home_dir / "backups"

    @property
    def archive_dir(self) -> Path:
        """Where registered archive files are copied (kept with their SHA-256)."""
        return self.home_dir / "archive"

    def allowed_archive_roots(self) -> list[Path]:
        """The configured roots (default: the working directory and the home), plus the intake's store."""
        roots = self.archive_roots or [Path.cwd(), self.home_dir]
        return [*roots, self.home_dir / "intake"]

    @property
    def prefect_home(self) -> Path:
        return self.home_dir / "prefect"


def get_settings() -> Settings:
    """The settings of the current environment: validated once per set of LEGALCAP_ variables and cwd.

    Each call returns a fresh copy (its home folder is made on first use, as before); validating anew on
    every call cost about 3 ms, several times per received file.
    """
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith("LEGALCAP_")))
    return _validated(env, os.getcwd()).model_copy()


@lru_cache(maxsize=32)
def _validated(env: tuple[tuple[str, str], ...], cwd: str) -> Settings:
    return Settings()


EPHEMERAL_STARTUP_TIMEOUT = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
DEFAULT_STARTUP_TIMEOUT_SECONDS = 300  # Prefect's 20 s is too short on a busy machine (30-140 s seen)


def prepare_prefect_environment(settings: Settings, *, quiet: bool = True) -> None:
    """Point Prefect at the project-local PREFECT_HOME before prefect is imported.

    `quiet`: Prefect's logs (and its temporary server's) go to LEGALCAP_HOME/logs/legalcap.log.
    A value the user set in the environment always wins.
    """
    from config.logs import prefect_logging_environment

    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    settings.prefect_home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(EPHEMERAL_STARTUP_TIMEOUT, str(DEFAULT_STARTUP_TIMEOUT_SECONDS))
    if quiet:
        for name, value in prefect_logging_environment(settings.home_dir).items():
            os.environ.setdefault(name, value)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY", "false")
