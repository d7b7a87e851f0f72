"""Builds the small summary attachments under content/ (run from the repo root).

pip install fpdf2 python-docx openpyxl; needs fonts-dejavu-core for the PDF.
"""
import re
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

C = Path("content")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
AUTHOR = "Cổng thông tin đánh giá cải cách hành chính"
STAMP = datetime(2026, 11, 20, 9, 0, 0)
REG, ANS = 2429, 949


def pdf_5628(out):
    pdf = FPDF(format="A4")
    pdf.set_creation_date(STAMP)
    pdf.set_author(AUTHOR)
    pdf.set_title("Tóm tắt Công văn 5628/BNV-CCHC")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_B)
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, "TÓM TẮT CÔNG VĂN 5628/BNV-CCHC NGÀY 09/11/2021 CỦA BỘ NỘI VỤ",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 6, "Tài liệu do Cổng thông tin đánh giá cải cách hành chính biên soạn để tham khảo; "
                   "không thay thế văn bản gốc.", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for para in [
        "Công văn thông báo kết quả tham gia đợt thí điểm trả lời phiếu trên hệ thống thông tin năm 2021, "
        "triển khai theo Công văn 4566/BNV-CCHC ngày 17/9/2021, trong đó các bộ, ngành, địa phương đăng ký "
        "cán bộ, công chức tham gia trả lời phiếu.",
        "Công văn kèm bảng số liệu tham gia theo từng cơ quan, địa phương. Số liệu tổng hợp như sau:",
    ]:
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    rows = [("Chỉ tiêu", "Số liệu"),
            ("Số cán bộ, công chức được đăng ký", f"{REG:,}".replace(",", ".")),
            ("Số người đã trả lời phiếu", f"{ANS:,}".replace(",", ".")),
            ("Số người chưa trả lời (Cổng tính)", f"{REG - ANS:,}".replace(",", ".")),
            ("Tỷ lệ trả lời (Cổng tính)", f"{ANS / REG * 100:.1f}%".replace(".", ","))]
    for i, (a, b) in enumerate(rows):
        pdf.set_font("DejaVu", "B" if i == 0 else "", 11)
        pdf.cell(120, 8, a, border=1)
        pdf.cell(50, 8, b, border=1, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 6, "Bài học: tỷ lệ trả lời dưới một nửa cho thấy khâu đưa thư mời đến đúng hộp thư cần "
                   "được chuẩn bị kỹ như chính bảng hỏi: rà soát địa chỉ, cho phép tên miền gửi, kiểm tra "
                   "thư mục thư rác và gửi thư kiểm tra trước mỗi đợt.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(0, 6, "Văn bản liên quan: Quyết định 979/QĐ-BNV (18/11/2020), Quyết định 862/QĐ-BNV "
                   "(17/8/2021), Công văn 4566/BNV-CCHC (17/9/2021); văn bản triển khai của UBND tỉnh Bình Định "
                   "(7176/UBND-KSTT), UBND tỉnh Nghệ An (8987/UBND-KSTT), Sở Nội vụ tỉnh Khánh Hòa "
                   "(3024/SNV-CCHC) và UBND tỉnh Khánh Hòa (12340/UBND-KSTT).", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


def xlsx_5628(out):
    wb = Workbook()
    ws = wb.active
    ws.title = "Tong hop"
    ws.append(["Tóm tắt số liệu Công văn 5628/BNV-CCHC (do Cổng biên soạn; bảng chi tiết xem văn bản gốc)"])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append(["Chỉ tiêu", "Số liệu"])
    ws.append(["Số cán bộ, công chức được đăng ký", REG])
    ws.append(["Số người đã trả lời phiếu", ANS])
    ws.append(["Số người chưa trả lời", "=B4-B5"])
    ws.append(["Tỷ lệ trả lời", "=B5/B4"])
    ws["B7"].number_format = "0.0%"
    for c in ("A3", "B3"):
        ws[c].font = Font(bold=True)
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 14
    wb.properties.creator = AUTHOR
    wb.properties.created = wb.properties.modified = STAMP
    wb.save(out)


def new_doc():
    d = Document()
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(13)
    d.core_properties.author = d.core_properties.last_modified_by = AUTHOR
    d.core_properties.created = d.core_properties.modified = STAMP
    d.core_properties.revision = 1
    return d


def docx_4566(out):
    d = new_doc()
    d.add_heading("MẪU DANH SÁCH ĐĂNG KÝ NGƯỜI THAM GIA TRẢ LỜI PHIẾU", level=1)
    d.add_paragraph().add_run("Bản minh họa do Cổng thông tin biên soạn để tham khảo cách lập danh sách theo "
                              "Công văn 4566/BNV-CCHC ngày 17/9/2021; không phải phụ lục của văn bản gốc.").italic = True
    d.add_paragraph("Cơ quan, địa phương: ..............................................")
    d.add_paragraph("Cán bộ đầu mối: ..............................................")
    t = d.add_table(rows=4, cols=5)
    t.style = "Table Grid"
    for i, h in enumerate(["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Thư điện tử công vụ", "Ghi chú"]):
        t.cell(0, i).text = h
    for r in range(1, 4):
        t.cell(r, 0).text = str(r)
    d.add_paragraph("Lưu ý khi lập danh sách:")
    for s in ["Mỗi người một địa chỉ thư công vụ đang sử dụng hằng ngày; không dùng hộp thư chung.",
              "Kiểm tra kỹ chính tả địa chỉ thư điện tử và tên miền.",
              "Đề nghị bộ phận công nghệ thông tin cho phép thư từ tên miền gửi của Bộ Nội vụ."]:
        d.add_paragraph(s, style="List Bullet")
    d.save(out)


def docx_draft(md, out):
    d = new_doc()
    text = md.read_text(encoding="utf-8").split("---", 2)[2]
    title = re.search(r'^title: "(.*)"$', md.read_text(encoding="utf-8"), re.M).group(1)
    d.add_heading(title.upper(), level=1)
    d.add_paragraph().add_run("Dự thảo để lấy ý kiến. Bản trên Cổng là bản chính thức để góp ý.").italic = True
    for line in text.strip().splitlines():
        if line.startswith("## "):
            d.add_heading(line[3:], level=2)
        elif line.startswith("### "):
            d.add_heading(line[4:], level=3)
        elif line.strip():
            d.add_paragraph(line.replace("*", "").strip())
    d.save(out)


if __name__ == "__main__":
    vb = C / "van-ban"
    pdf_5628(vb / "5628-bnv-cchc/5628-bnv-cchc-tom-tat.pdf")
    xlsx_5628(vb / "5628-bnv-cchc/5628-bnv-cchc-so-lieu.xlsx")
    docx_4566(vb / "4566-bnv-cchc/4566-bnv-cchc-mau-danh-sach.docx")
    g = C / "gop-y/du-thao-quy-che-khao-sat-su-hai-long"
    docx_draft(g / "index.md", g / "du-thao-quy-che-khao-sat-su-hai-long.docx")
