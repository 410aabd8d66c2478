Attribute VB_Name = "LakipXL"
' lakip_xl: macros of the LAKIP workbook (source of truth: macros/LakipXL.bas in the lakip_xl repository;
' the workbook's VBA project is rebuilt from it by lakip_xl.vba, never edited in the VBE).
' Needs the xlwings module (macros/xlwings.bas) in the same project: RunPython lives there.
Option Explicit

' Tombol "Perbarui Ringkasan": membaca sheet data workbook ini lalu menulis ulang sheet ringkasan.
' Python is started by xlwings; inside, lakip_xl.sync.main() finds this workbook with xw.Book.caller().
Public Sub PerbaruiRingkasan()
    RunPython "import lakip_xl.sync; lakip_xl.sync.main()"
End Sub
