<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ImportDialog</name>
    <message>
        <source>Punch-clock files (*.dat *.txt);;All files (*)</source>
        <translation>考勤机文件 (*.dat *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Spreadsheets and text (*.xlsx *.xls *.ods *.csv *.txt);;All files (*)</source>
        <translation>表格和文本 (*.xlsx *.xls *.ods *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>(recognise the columns)</source>
        <translation>（自动识别列）</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查数据行…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Nothing was imported: %1 rows have errors. Correct the file and import it again, or import the %2 good rows.</source>
        <translation>未导入任何数据：有 %1 行存在错误。请修改文件后重新导入，或只导入其余 %2 行正确的数据。</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>考勤号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verify mode</source>
        <translation>验证方式</translation>
    </message>
    <message>
        <source>Work code</source>
        <translation>工作代码</translation>
    </message>
    <message>
        <source>Import punch-clock file (ZKTeco attlog)</source>
        <translation>导入考勤机文件（中控 attlog）</translation>
    </message>
    <message>
        <source>Import punch records (CSV or Excel)</source>
        <translation>导入打卡记录（CSV 或 Excel）</translation>
    </message>
    <message>
        <source>Import staff roster (Excel or CSV)</source>
        <translation>导入人员名单（Excel 或 CSV）</translation>
    </message>
    <message>
        <source>Choose the &lt;n&gt;_attlog.dat file copied from the punch clock's USB export. PINs are matched to staff; repeated punches are merged.</source>
        <translation>请选择从考勤机 U 盘导出的 &lt;n&gt;_attlog.dat 文件。考勤号将对应到工作人员，重复打卡将自动合并。</translation>
    </message>
    <message>
        <source>Choose the punch records exported by the attendance software (Excel, WPS or CSV, UTF-8 or GB18030). The columns are recognised by their headers; you can correct them in the next step.</source>
        <translation>请选择考勤软件导出的打卡记录（Excel、WPS 表格或 CSV，UTF-8 或 GB18030 编码）。系统按表头识别各列，下一步可以修改。</translation>
    </message>
    <message>
        <source>Choose the staff list (Excel, WPS or CSV) with staff number, name, unit, window and punch-clock PIN. Existing staff are updated; new units and windows are created.</source>
        <translation>请选择人员名单（Excel、WPS 表格或 CSV），包含工号、姓名、单位、窗口和考勤号。已有人员将被更新，新的单位和窗口将自动创建。</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Which column holds what</source>
        <translation>各列对应的信息</translation>
    </message>
    <message>
        <source>Saved &amp;mapping:</source>
        <translation>已保存的对应关系(&amp;M)：</translation>
    </message>
    <message>
        <source>Save the choice &amp;as:</source>
        <translation>将此对应关系保存为(&amp;A)：</translation>
    </message>
    <message>
        <source>name of the source, e.g. 中控考勤机</source>
        <translation>数据来源名称，如“中控考勤机”</translation>
    </message>
    <message>
        <source>An attlog file has fixed columns: PIN, time, device, status, verify mode.</source>
        <translation>attlog 文件的列是固定的：考勤号、时间、设备、状态、验证方式。</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Import the &amp;good rows</source>
        <translation>只导入正确的行(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>File: %1 — encoding: %2</source>
        <translation>文件：%1 — 编码：%2</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>（文件中没有）</translation>
    </message>
    <message>
        <source>Saving the rows…</source>
        <translation>正在保存数据…</translation>
    </message>
    <message>
        <source>Nothing new: every row is in the database already.</source>
        <translation>没有新数据：所有行都已导入过。</translation>
    </message>
    <message>
        <source>There is no hall yet. Create the hall first.</source>
        <translation>还没有大厅。请先创建大厅。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was saved.</source>
        <translation>导入已取消，未保存任何数据。</translation>
    </message>
    <message>
        <source>The good rows were imported; the rows below were skipped.</source>
        <translation>正确的行已导入，下列行已跳过。</translation>
    </message>
    <message>
        <source>The file was imported.</source>
        <translation>文件已导入。</translation>
    </message>
    <message>
        <source>Rows read: %1</source>
        <translation>读取行数：%1</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>导入：%1</translation>
    </message>
    <message>
        <source>Skipped (errors): %1</source>
        <translation>跳过（有错误）：%1</translation>
    </message>
    <message>
        <source>Duplicates merged: %1</source>
        <translation>合并重复：%1</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>Row %1, column %2:</source>
        <translation>第 %1 行，“%2”列：</translation>
    </message>
    <message>
        <source>Row %1:</source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>headers in row %1</source>
        <translation>表头在第 %1 行</translation>
    </message>
    <message>
        <source>Choose the column for: %1</source>
        <translation>请选择以下信息所在的列：%1</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>未变化：%1</translation>
    </message>
    <message>
        <source>… and %1 more rows with errors.</source>
        <translation>……另有 %1 行存在错误。</translation>
    </message>
    <message>
        <source>The file was not imported: %1</source>
        <translation>文件未导入：%1</translation>
    </message>
    <message>
        <source>Import queue tickets (CSV or Excel)</source>
        <translation>导入排队叫号记录（CSV 或 Excel）</translation>
    </message>
    <message>
        <source>Import cases from the approval system (CSV or Excel)</source>
        <translation>导入审批系统办件（CSV 或 Excel）</translation>
    </message>
    <message>
        <source>Choose the tickets exported by the queue system (Excel, WPS or CSV, UTF-8 or GB18030): ticket number, window, operator, take, call and finish times, state, rating. A ticket already imported is updated where the file differs.</source>
        <translation>选择排队叫号系统导出的取号记录（Excel、WPS 表格或 CSV，UTF-8 或 GB18030）：票号、窗口、操作员、取号/叫号/办结时间、状态、评价。已导入过的票号按文件中不同之处更新。</translation>
    </message>
    <message>
        <source>Choose the cases exported by the approval system (Excel, WPS or CSV): case number, service item, accepted and finish times, limits, pauses and extensions. Due dates are computed with the hall's holiday table.</source>
        <translation>选择审批系统导出的办件（Excel、WPS 表格或 CSV）：办件编号、事项、受理与办结时间、时限、暂停与延期。办结期限按本大厅节假日表计算。</translation>
    </message>
    <message>
        <source>To check (%1):</source>
        <translation>请核对（%1 条）：</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>……另有 %1 条。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
</TS>
