"""Documents generated from templates, and the electronic dossier (电子卷宗) of each matter.

A *matter* is any registered model (fating.documents.registry): a dispute, a case, … Both
documents and dossiers point at it generically (content type + primary key).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fating.core.models import FatingModel


def _stored_name(prefix: str, filename: str) -> str:
    """Unguessable, collision-free storage names; the human title lives in the database."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{suffix}"


def document_upload_to(instance: models.Model, filename: str) -> str:
    return _stored_name("documents", filename)


def dossier_upload_to(instance: models.Model, filename: str) -> str:
    return _stored_name("dossiers", filename)


class Document(FatingModel):
    """A document generated from a template (调解协议书, 民事裁定书, 传票, …) for one matter.

    The DOCX and PDF are stored once at generation with their SHA-256; every read recomputes the
    hash and refuses a file that changed (`services.open_verified`). A regenerated document is a
    new row whose `supersedes` points at the one it replaces; the old one is kept.
    """

    matter_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("事项类型"),
        help_text=_("文书所属事项的模型（纠纷、案件等）。"),
    )
    matter_id = models.PositiveBigIntegerField(_("事项编号"), help_text=_("所属事项的主键。"))
    matter = GenericForeignKey("matter_type", "matter_id")
    kind = models.CharField(
        _("文书种类"), max_length=40, help_text=_("模板登记中的文书种类，如 mediation_agreement。")
    )
    template_version = models.PositiveSmallIntegerField(
        _("模板版本"), help_text=_("生成时所用模板的版本号。")
    )
    title = models.CharField(_("标题"), max_length=200, help_text=_("文书标题，用于列表和卷宗。"))
    context = models.JSONField(
        _("填充数据"), help_text=_("经模板字段校验后的填充数据，可据此重新生成。")
    )
    docx = models.FileField(
        _("DOCX 文件"), upload_to=document_upload_to, max_length=200, help_text=_("可编辑版本。")
    )
    docx_sha256 = models.CharField(
        _("DOCX 哈希"), max_length=64, help_text=_("DOCX 文件的 SHA-256，读取时校验。")
    )
    docx_size = models.PositiveBigIntegerField(_("DOCX 大小"), help_text=_("字节数。"))
    pdf = models.FileField(
        _("PDF 文件"), upload_to=document_upload_to, max_length=200, help_text=_("版式固定的版本。")
    )
    pdf_sha256 = models.CharField(
        _("PDF 哈希"), max_length=64, help_text=_("PDF 文件的 SHA-256，读取时校验。")
    )
    pdf_size = models.PositiveBigIntegerField(_("PDF 大小"), help_text=_("字节数。"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("生成人"),
        help_text=_("生成文书的用户。"),
    )
    created_at = models.DateTimeField(
        _("生成时间"), default=timezone.now, help_text=_("文书生成（定稿）的时间。")
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("取代"),
        help_text=_("重新生成时，被本文书取代的上一版本。"),
    )

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["matter_type", "matter_id", "kind"])]

    def __str__(self) -> str:
        return self.title


class Dossier(FatingModel):
    """The electronic dossier of one matter: an ordered, hash-chained list of entries.

    `head_hash` and `entry_count` record the chain's tip, so removing entries at the end is
    detected. Archiving writes a ZIP (files, manifest.json, 卷宗目录 PDF) and freezes the dossier.
    """

    matter_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("事项类型"),
        help_text=_("卷宗所属事项的类型（纠纷、案件等）。"),
    )
    matter_id = models.PositiveBigIntegerField(_("事项编号"), help_text=_("所属事项的主键。"))
    matter = GenericForeignKey("matter_type", "matter_id")
    head_hash = models.CharField(
        _("链尾哈希"), max_length=64, default="0" * 64, help_text=_("最后一项材料的登记哈希。")
    )
    entry_count = models.PositiveIntegerField(
        _("材料数"), default=0, help_text=_("已登记材料项数。")
    )
    created_at = models.DateTimeField(
        _("创建时间"), default=timezone.now, help_text=_("卷宗建立的时间。")
    )
    archived_at = models.DateTimeField(
        _("归档时间"), null=True, blank=True, help_text=_("归档后卷宗冻结，不能再添加材料。")
    )
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("归档人"),
        help_text=_("执行归档的工作人员；未归档为空。"),
    )
    archive = models.FileField(
        _("归档包"), upload_to=dossier_upload_to, max_length=200, blank=True,
        help_text=_("ZIP：全部材料、manifest.json 与卷宗目录 PDF。"),
    )  # fmt: skip
    archive_sha256 = models.CharField(
        _("归档包哈希"), max_length=64, blank=True, help_text=_("归档包的 SHA-256，下载时校验。")
    )
    archive_size = models.PositiveBigIntegerField(
        _("归档包大小"), null=True, blank=True, help_text=_("归档包的大小（字节）；未归档为空。")
    )

    class Meta:
        verbose_name = _("电子卷宗")
        verbose_name_plural = _("电子卷宗")
        constraints = [
            models.UniqueConstraint(
                fields=["matter_type", "matter_id"], name="one_dossier_per_matter"
            )
        ]

    def __str__(self) -> str:
        return f"卷宗 {self.matter_type.app_label}.{self.matter_type.model}#{self.matter_id}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class DossierEntry(FatingModel):
    """One item of a dossier: a generated document (its PDF) or an uploaded file.

    `hash` is the SHA-256 of the entry's canonical content (seq, title, category, file hash and
    size, who and when, the document link) and `prev_hash`, the previous entry's hash
    (rules.entry_hash). Editing, deleting or reordering entries breaks the chain.
    """

    class Category(models.TextChoices):
        DOCUMENT = "document", _("诉讼文书")
        APPLICATION = "application", _("申请材料")
        EVIDENCE = "evidence", _("证据材料")
        RECORD = "record", _("笔录")
        SERVICE = "service", _("送达材料")
        OTHER = "other", _("其他材料")

    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("卷宗"),
        help_text=_("材料所在的卷宗。"),
    )
    seq = models.PositiveIntegerField(_("序号"), help_text=_("卷内顺序，从 1 开始连续递增。"))
    title = models.CharField(_("材料名称"), max_length=200, help_text=_("材料名称，列入卷内目录。"))
    category = models.CharField(
        _("类别"), max_length=20, choices=Category.choices, help_text=_("材料类别。")
    )
    document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossier_entries",
        verbose_name=_("文书"),
        help_text=_("系统生成的文书；上传的材料为空。"),
    )
    file = models.FileField(
        _("文件"), upload_to=dossier_upload_to, max_length=200,
        help_text=_("上传的文件；生成的文书指向其 PDF。"),
    )  # fmt: skip
    original_name = models.CharField(
        _("原文件名"), max_length=200, blank=True, help_text=_("上传时的原文件名。")
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("文件内容的哈希。"))
    size = models.PositiveBigIntegerField(_("大小"), help_text=_("字节数。"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("添加人"),
        help_text=_("将材料加入卷宗的用户。"),
    )
    added_at = models.DateTimeField(_("添加时间"), help_text=_("材料加入卷宗的时间。"))
    prev_hash = models.CharField(_("前项哈希"), max_length=64, help_text=_("前一项的登记哈希。"))
    hash = models.CharField(
        _("登记哈希"), max_length=64, help_text=_("本项内容与前项哈希的 SHA-256。")
    )

    class Meta:
        verbose_name = _("卷宗材料")
        verbose_name_plural = _("卷宗材料")
        ordering = ["dossier", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_entry_seq_unique")
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.title}"
