"""Words the HTML page adds around the text (headings, table headers, link texts), per language.

Keys are BCP 47 primary language tags; anything else falls back to English.
"""
from __future__ import annotations

#: ISO 639-2 (as in FRBRlanguage) to BCP 47.
ISO639_2_TO_BCP47 = {
    "eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "rus": "ru", "ara": "ar",
    "zho": "zh", "chi": "zh", "deu": "de", "ger": "de", "por": "pt", "ita": "it",
}
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "site_nav": "Site", "site_index": "All resolutions", "download_xml": "Akoma Ntoso XML",
        "download_pdf": "PDF", "search": "Search the resolutions", "search_button": "Search",
        "results": "Results", "languages": "Languages", "all_languages": "All languages",
        "no_results": "No results", "site_title": "United Nations resolutions",
        "skip": "Skip to the text", "contents": "Contents", "notes": "Notes", "note": "Note",
        "back_to_ref": "Back to reference {n}", "permalink": "Link to paragraph {n}",
        "organ": "Organ", "symbol": "Symbol", "adopted": "Adopted", "session": "Session",
        "agenda_item": "Agenda item", "distribution": "Distribution", "issued": "Date of issue",
        "doc_type": "Document type", "vote": "Vote", "voting": "Voting", "inFavour": "In favour",
        "against": "Against", "abstaining": "Abstaining", "absent": "Absent", "count": "Votes",
        "members": "Members", "quorum": "Quorum", "annex": "Annex",
        "adoptedWithoutVote": "Adopted without a vote",
        "adoptedRecordedVote": "Adopted by a recorded vote", "source": "Rendered from Akoma Ntoso",
        "document": "Document",
        "label_inferred": "label {n}, inferred: not printed in the source",
        "label_lost": "label not printed in the source",
        "number_misread": "misprint: it stands for number {n}",
        "number_gap": "the numbers before this one are not in the source",
        "editorial": "Grey text in square brackets is not in the source: a label inferred from its place, the number a misprinted one stands for, or […] where numbers are missing."
    },
    "fr": {
        "site_nav": "Site", "site_index": "Toutes les résolutions",
        "download_xml": "XML Akoma Ntoso", "download_pdf": "PDF",
        "search": "Rechercher dans les résolutions", "search_button": "Rechercher",
        "results": "Résultats", "languages": "Langues", "all_languages": "Toutes les langues",
        "no_results": "Aucun résultat",
        "site_title": "Résolutions de l’Organisation des Nations Unies", "skip": "Aller au texte",
        "contents": "Table des matières", "notes": "Notes", "note": "Note",
        "back_to_ref": "Retour à l’appel de note {n}", "permalink": "Lien vers le paragraphe {n}",
        "organ": "Organe", "symbol": "Cote", "adopted": "Adoption", "session": "Session",
        "agenda_item": "Point de l’ordre du jour", "distribution": "Distribution",
        "issued": "Date de publication", "doc_type": "Type de document", "vote": "Vote",
        "voting": "Résultats du vote", "inFavour": "Pour", "against": "Contre",
        "abstaining": "Abstentions", "absent": "Absents", "count": "Voix", "members": "Membres",
        "quorum": "Quorum", "annex": "Annexe", "adoptedWithoutVote": "Adoptée sans vote",
        "adoptedRecordedVote": "Adoptée par vote enregistré",
        "source": "Rendu à partir d’Akoma Ntoso", "document": "Document",
        "label_inferred": "repère {n}, déduit : absent du texte source",
        "label_lost": "repère absent du texte source",
        "number_misread": "numéro imprimé ainsi, il correspond au numéro {n}",
        "number_gap": "les numéros précédents sont absents du texte source",
        "editorial": "Le texte gris entre crochets ne figure pas dans la source : un repère déduit de sa place, le numéro qu’un numéro mal imprimé représente, ou […] là où des numéros manquent."
    },
    "es": {
        "site_nav": "Sitio", "site_index": "Todas las resoluciones",
        "download_xml": "XML Akoma Ntoso", "download_pdf": "PDF",
        "search": "Buscar en las resoluciones", "search_button": "Buscar", "results": "Resultados",
        "languages": "Idiomas", "all_languages": "Todos los idiomas",
        "no_results": "Sin resultados", "site_title": "Resoluciones de las Naciones Unidas",
        "skip": "Saltar al texto", "contents": "Índice", "notes": "Notas", "note": "Nota",
        "back_to_ref": "Volver a la llamada {n}", "permalink": "Enlace al párrafo {n}",
        "organ": "Órgano", "symbol": "Signatura", "adopted": "Aprobación",
        "session": "Período de sesiones", "agenda_item": "Tema del programa",
        "distribution": "Distribución", "issued": "Fecha de publicación",
        "doc_type": "Tipo de documento", "vote": "Votación", "voting": "Resultado de la votación",
        "inFavour": "A favor", "against": "En contra", "abstaining": "Abstenciones",
        "absent": "Ausentes", "count": "Votos", "members": "Miembros", "quorum": "Quórum",
        "annex": "Anexo", "adoptedWithoutVote": "Aprobada sin votación",
        "adoptedRecordedVote": "Aprobada en votación registrada",
        "source": "Generado a partir de Akoma Ntoso", "document": "Documento",
        "label_inferred": "marca {n}, deducida: no figura en el texto fuente",
        "label_lost": "marca que no figura en el texto fuente",
        "number_misread": "número impreso así, corresponde al número {n}",
        "number_gap": "los números anteriores no figuran en el texto fuente",
        "editorial": "El texto gris entre corchetes no figura en la fuente: una marca deducida de su lugar, el número que representa uno mal impreso, o […] donde faltan números."
    },
    "ru": {
        "site_nav": "Сайт", "site_index": "Все резолюции", "download_xml": "XML Akoma Ntoso",
        "download_pdf": "PDF", "search": "Поиск по резолюциям", "search_button": "Найти",
        "results": "Результаты", "languages": "Языки", "all_languages": "Все языки",
        "no_results": "Ничего не найдено",
        "site_title": "Резолюции Организации Объединенных Наций", "skip": "Перейти к тексту",
        "contents": "Содержание", "notes": "Примечания", "note": "Примечание",
        "back_to_ref": "Вернуться к ссылке {n}", "permalink": "Ссылка на пункт {n}",
        "organ": "Орган", "symbol": "Условное обозначение", "adopted": "Дата принятия",
        "session": "Сессия", "agenda_item": "Пункт повестки дня",
        "distribution": "Распространение", "issued": "Дата выпуска", "doc_type": "Тип документа",
        "vote": "Голосование", "voting": "Результаты голосования", "inFavour": "За",
        "against": "Против", "abstaining": "Воздержались", "absent": "Отсутствовали",
        "count": "Голоса", "members": "Члены", "quorum": "Кворум", "annex": "Приложение",
        "adoptedWithoutVote": "Принята без голосования",
        "adoptedRecordedVote": "Принята заносимым в отчет голосованием",
        "source": "Создано из файла Akoma Ntoso", "document": "Документ",
        "label_inferred": "обозначение {n} выведено: в исходном тексте его нет",
        "label_lost": "обозначения нет в исходном тексте",
        "number_misread": "номер напечатан так, он означает номер {n}",
        "number_gap": "предыдущих номеров нет в исходном тексте",
        "editorial": "Серый текст в квадратных скобках отсутствует в источнике: обозначение, выведенное по месту, номер, который означает неверно напечатанный, или […] там, где номера пропущены."
    },
    "ar": {
        "site_nav": "الموقع", "site_index": "جميع القرارات", "download_xml": "ملف Akoma Ntoso XML",
        "download_pdf": "PDF", "search": "البحث في القرارات", "search_button": "بحث",
        "results": "النتائج", "languages": "اللغات", "all_languages": "جميع اللغات",
        "no_results": "لا توجد نتائج", "site_title": "قرارات الأمم المتحدة",
        "skip": "انتقل إلى النص", "contents": "المحتويات", "notes": "الحواشي", "note": "حاشية",
        "back_to_ref": "العودة إلى الإحالة {n}", "permalink": "رابط إلى الفقرة {n}",
        "organ": "الهيئة", "symbol": "الرمز", "adopted": "تاريخ الاعتماد", "session": "الدورة",
        "agenda_item": "البند من جدول الأعمال", "distribution": "التوزيع",
        "issued": "تاريخ الإصدار", "doc_type": "نوع الوثيقة", "vote": "التصويت",
        "voting": "نتيجة التصويت", "inFavour": "المؤيدون", "against": "المعارضون",
        "abstaining": "الممتنعون", "absent": "الغائبون", "count": "الأصوات", "members": "الأعضاء",
        "quorum": "النصاب", "annex": "المرفق", "adoptedWithoutVote": "اعتُمد دون تصويت",
        "adoptedRecordedVote": "اعتُمد بتصويت مسجل", "source": "نسخة معروضة من ملف Akoma Ntoso",
        "document": "وثيقة",
        "label_inferred": "الرمز {n} مستنتج: غير مطبوع في النص الأصلي",
        "label_lost": "الرمز غير مطبوع في النص الأصلي",
        "number_misread": "طُبع الرقم هكذا، وهو يقابل الرقم {n}",
        "number_gap": "الأرقام السابقة غير موجودة في النص الأصلي",
        "editorial": "النص الرمادي بين معقوفتين غير موجود في المصدر: رمز مستنتج من موضعه، أو الرقم الذي يقابله رقم مطبوع خطأً، أو […] حيث تنقص أرقام."
    },
    "zh": {
        "site_nav": "网站", "site_index": "所有决议", "download_xml": "Akoma Ntoso XML",
        "download_pdf": "PDF", "search": "搜索决议", "search_button": "搜索", "results": "结果",
        "languages": "语言", "all_languages": "所有语言", "no_results": "没有结果", "site_title": "联合国决议",
        "skip": "跳到正文", "contents": "目录", "notes": "脚注", "note": "脚注", "back_to_ref": "返回引用处 {n}",
        "permalink": "链接到第 {n} 段", "organ": "机关", "symbol": "文号", "adopted": "通过日期",
        "session": "届会", "agenda_item": "议程项目", "distribution": "分发", "issued": "印发日期",
        "doc_type": "文件类型", "vote": "表决", "voting": "表决情况", "inFavour": "赞成", "against": "反对",
        "abstaining": "弃权", "absent": "缺席", "count": "票数", "members": "成员", "quorum": "法定人数",
        "annex": "附件", "adoptedWithoutVote": "未经表决通过", "adoptedRecordedVote": "经记录表决通过",
        "source": "根据 Akoma Ntoso 文件生成", "document": "文件",
        "label_inferred": "编号{n}为推断所得，原文未印出",
        "label_lost": "原文未印出编号",
        "number_misread": "原文如此印出，应为第{n}号",
        "number_gap": "原文缺少此前的编号",
        "editorial": "方括号内的灰色文字不属于原文：根据位置推断的编号、印错的编号所对应的编号，或表示编号缺失的[…]。"
    },
}


#: Each language's name in that language, for links between language versions.
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский",
                "ar": "العربية", "zh": "中文"}


def bcp47(code: str | None) -> str:
    """BCP 47 tag for an FRBRlanguage value (ISO 639-2, or already BCP 47); ``en`` if absent."""
    if not code:
        return "en"
    code = code.strip()
    low = code.lower()
    if low in ISO639_2_TO_BCP47:
        return ISO639_2_TO_BCP47[low]
    if 2 <= len(low.split("-")[0]) <= 3 and low.replace("-", "").isalnum():
        return code
    return "en"


def labels_for(lang: str) -> dict[str, str]:
    """The label table for a BCP 47 tag (by primary subtag), English when there is none."""
    return LABELS.get(lang.split("-")[0].lower(), LABELS["en"])


def outcome_label(outcome: str, labels: dict[str, str]) -> str:
    """A readable phrase for a voting outcome such as ``adoptedWithoutVote``."""
    if outcome in labels:
        return labels[outcome]
    words = "".join(" " + c.lower() if c.isupper() else c for c in outcome).strip()
    return words[:1].upper() + words[1:]
