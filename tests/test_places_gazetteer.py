"""Places against the gazetteer: 300 district and commune names drawn from it, written in sentences the
way articles write them (lower case, capitals, all capitals, abbreviations, old-style tone marks), each
resolving to its own unit; and 50 sentences whose people's and products' names hold place words, yielding
no place."""
from __future__ import annotations

import random
from collections import Counter

import pytest
import regex

from extract.gazetteer import name_key, units
from extract.gazetteer.resolve import pick
from extract.matchers import places

_PLAIN = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*){1,4}$")
ABBREVIATION = {"huyện": "H.", "thị xã": "TX.", "quận": "Q.", "thành phố": "TP", "thị trấn": "TT."}
OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "ọa": "oạ", "úy": "uý", "ủy": "uỷ"}


def _identity(u) -> tuple:
    return (name_key(u.name), u.level, u.province, u.district, u.new)


def _sample() -> list:
    """300 units (district and commune, old map and new) whose name, written with its province (and
    district), names one unit only; plain names of two to five capitalized words."""
    count = Counter(_identity(u) for u in units())
    central = {u.name for u in units() if u.level == "province" and u.kind == "thành phố"}
    pool = [u for u in units() if u.level != "province" and _PLAIN.match(u.name) and count[_identity(u)] == 1
            and u.name not in central and not name_key(u.name).startswith(("quận ", "phường "))]
    rng = random.Random(10)
    districts = rng.sample([u for u in pool if u.level == "district"], 120)
    communes = rng.sample([u for u in pool if u.level == "commune"], 180)
    return districts + communes


def _written(u, form: int) -> str:
    """The unit with its administrative word, in one of six forms."""
    word = u.kind
    if form == 0:
        return f"{word} {u.name}"                                         # huyện Mường Khương
    if form == 1:
        return f"{word.capitalize()} {u.name}"                              # Huyện Mường Khương
    if form == 2:
        return f"{word.upper()} {u.name.upper()}"                           # HUYỆN MƯỜNG KHƯƠNG
    if form == 3:
        first, *rest = u.name.split()
        return f"{word} {' '.join([first] + [w.lower() for w in rest])}"    # huyện Mường khương
    if form == 4 and word in ABBREVIATION:
        sep = "" if ABBREVIATION[word].endswith(".") and len(u.name) % 2 else " "
        return f"{ABBREVIATION[word]}{sep}{u.name}"                        # H.Định Quán, TX. Đông Hòa
    name = u.name
    for new, old in OLD_TONES.items():
        name = name.replace(new, old)
    return f"{word} {name}"                                                  # xã Tân Hoà


def _sentence(u, form: int) -> tuple[str, str]:
    where = _written(u, form)
    province = ("thành phố " if u.province in {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
                else "tỉnh ") + u.province
    if u.district:
        province = f"huyện {u.district}, {province}" if u.level == "commune" else province
    year = "2026" if u.new else "2023"
    return f"Năm {year}, {where} ({province}) có 12 sản phẩm OCOP được công nhận.", where


CASES = [(u, i % 6) for i, u in enumerate(_sample())]


@pytest.mark.parametrize("unit,form", CASES, ids=[f"{u.level}-{u.code}-{f}" for u, f in CASES])
def test_a_gazetteer_name_resolves_to_its_unit(unit, form):
    sentence, where = _sentence(unit, form)
    found = [m for m in places.match(sentence) if m.text == where]
    assert found, f"{where!r} not found in {sentence!r}: {[m.text for m in places.match(sentence)]}"
    m = found[0]
    assert m.value["name"] == unit.name and m.value["level"] == unit.level, (sentence, m.value)
    chosen = pick(m.value["units"], unit.province, "2026" if unit.new else "2023")
    assert chosen is not None and (chosen.code, chosen.new) == (unit.code, unit.new), (
        sentence, [(u.code, u.kind, u.province, u.new) for u in m.value["units"]])


def test_the_sample_covers_every_form_and_both_maps():
    assert len(CASES) == 300
    assert {f for _, f in CASES} == set(range(6))
    assert {u.new for u, _ in CASES if u.level == "commune"} == {True, False}
    assert {u.kind for u, _ in CASES} >= {"huyện", "thị xã", "thành phố", "xã", "phường", "thị trấn"}


NOT_PLACES = [
    # people whose names hold a province's, district's or commune's name
    "Ông Nguyễn Thái Bình, Giám đốc hợp tác xã, cho biết sản phẩm đã đạt 4 sao.",
    "Bà Trần Thị Hà Nam chia sẻ về quá trình làm bánh.",
    "Anh Lê Văn Hòa Bình đã đầu tư 2 tỷ đồng vào nhà xưởng.",
    "Chị Phạm Thị Lạng Sơn là chủ thể OCOP trẻ nhất.",
    "Theo ông Đỗ Văn Long An, sản phẩm bán rất chạy.",
    "Ông Hoàng Quảng Ninh, chủ cơ sở sản xuất, vui mừng.",
    "Nghệ nhân Vũ Văn Bắc Ninh giới thiệu sản phẩm gốm.",
    "Bà Nguyễn Thị Kim Bảng nhận giấy chứng nhận.",
    "Anh Trần Văn Lục Yên cho biết giá bán tăng.",
    "Chị Lý Thị Mường Khương đã mở rộng sản xuất.",
    "Ông Phan Văn Đông Hòa trao đổi với phóng viên.",
    "Anh Ngô Văn Định Quán nói về kế hoạch năm tới.",
    "Ông Nguyễn Văn Thống Nhất phát biểu tại hội nghị.",
    "Bà Đặng Thị Tân Hòa là thành viên hợp tác xã.",
    "Chị Bùi Thị Yên Bình khởi nghiệp từ năm 2019.",
    "Ông Đinh Văn Tiên Du là người sáng lập thương hiệu.",
    "Anh Vương Văn Phủ Lý giới thiệu quy trình sản xuất.",
    "Ông Lưu Văn Bình Lục cho biết sản lượng tăng gấp đôi.",
    "Bà Kiều Thị Thanh Liêm tham gia hội chợ.",
    "Ông Quách Văn Thuận Thành chia sẻ kinh nghiệm.",
    "Ông Tạ Văn Văn Chấn đã trồng 5 ha chè.",
    "Chị Trịnh Thị Bến Lức kể về những ngày đầu.",
    "Anh Đào Văn Cẩm Lệ đã đưa sản phẩm lên sàn thương mại điện tử.",
    "Ông Triệu Văn Tam Đường cho biết bà con rất phấn khởi.",
    "Bà Tăng Thị Long Thành đồng hành cùng hợp tác xã.",
    # products, brands and cooperatives whose names hold place names without their administrative word
    "Sản phẩm cam Cao Phong và vải thiều Lục Ngạn được nhiều người ưa chuộng.",
    "Nước mắm Phú Quốc và bánh tráng Trảng Bàng có mặt tại hội chợ.",
    "Gạo Tám Xoan Hải Hậu được đóng gói cẩn thận.",
    "Chè Tân Cương nổi tiếng với vị chát dịu.",
    "Mắm tôm Hậu Lộc được nhiều thực khách tìm mua.",
    "Bưởi Phúc Trạch và nhãn Hưng Tiến đạt 3 sao.",
    "Rượu Đế Gò Đen là sản phẩm truyền thống.",
    "Hợp tác xã Mường Khương có nhiều sản phẩm chè.",
    "Hợp tác xã Tân Hòa mở rộng vùng nguyên liệu.",
    "HTX Đông Hòa Xanh vừa ra mắt sản phẩm mới.",
    "Thương hiệu Văn Yên Quế được bảo hộ.",
    "Sản phẩm miến dong Bình Liêu đạt 4 sao.",
    "Bánh đa Kế Sách và kẹo dừa Mỏ Cày được trưng bày.",
    "Cà phê Buôn Hồ và hồ tiêu Chư Sê có chất lượng cao.",
    "Sản phẩm trà hoa vàng Ba Chẽ đã xuất khẩu.",
    "Nem chua Tân Kỳ do bà Nguyễn Thị Hoà làm ra được công nhận 3 sao.",
    # administrative words inside other words and phrases
    "Cần đẩy mạnh xã hội hóa trong phát triển sản phẩm.",
    "Cán bộ huyện nhà luôn tỉnh táo trước thị trường.",
    "Các xã viên hợp tác xã đều phấn khởi.",
    "Bảo hiểm xã hội và chính sách tín dụng hỗ trợ chủ thể.",
    "Các huyện đều có sản phẩm được công nhận.",
    "Mỗi xã ít nhất một sản phẩm là mục tiêu của chương trình.",
    "Hàng trăm gian hàng đến từ nhiều tỉnh thành tham gia.",
    "Sản phẩm được cấp mã QR, phục vụ người tiêu dùng.",
    "Hội Nông dân hỗ trợ nông dân sản xuất giỏi.",
]


def test_fifty_sentences_without_places():
    assert len(NOT_PLACES) == 50


@pytest.mark.parametrize("sentence", NOT_PLACES)
def test_people_and_products_are_not_places(sentence):
    found = [m.text for m in places.match(sentence)]
    assert found == [], f"{sentence!r}: {found}"


def _counts(text: str, published: str | None = None) -> list:
    from schemas import Article
    from extract.pipeline import extract_article
    article = Article(id="t", text=text, published=published)
    return [r for r in extract_article(article).records if r.type == "count"]


def test_records_carry_the_code_and_province_of_their_place():
    recs = _counts("Năm 2023, huyện Mường khương, tỉnh Lào Cai có 4 sản phẩm OCOP đạt 3 sao.\n"
                   "Năm 2023, xã Tân Hòa, huyện Gò Công Đông có 2 sản phẩm OCOP đạt 3 sao.")
    got = [(r.value, r.scope, r.scope_level, r.scope_code, r.scope_parent) for r in recs]
    assert got == [(4, "Mường Khương", "district", "083", "Lào Cai"),
                   (2, "Tân Hòa", "commune", "28702", "Tiền Giang")]


def test_a_name_many_communes_bear_gets_no_code():
    recs = _counts("Năm 2023, xã Tân Thành có 2 sản phẩm OCOP đạt 3 sao.")
    assert [(r.scope, r.scope_level, r.scope_code, r.scope_parent) for r in recs] == [
        ("Tân Thành", "commune", None, None)]


def test_a_commune_after_the_reform_is_one_of_the_new_map():
    recs = _counts("Tính đến tháng 12/2025, phường Ba Đình, thành phố Hà Nội có 9 sản phẩm OCOP đạt 4 sao.")
    new = [u for u in units() if u.new and u.level == "commune" and u.name == "Ba Đình" and u.province == "Hà Nội"]
    assert len(new) == 1
    assert [(r.scope, r.scope_code, r.scope_parent) for r in recs] == [("Ba Đình", new[0].code, "Hà Nội")]
