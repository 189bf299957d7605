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
        <source>Spreadsheets and text (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>表格和文本 (*.xlsx *.csv *.txt);;所有文件 (*)</translation>
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
        <source>Staff PIN</source>
        <translation>考勤号码</translation>
    </message>
    <message>
        <source>Punch time</source>
        <translation>打卡时间</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>时刻</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Window role (A/B)</source>
        <translation>A/B角</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The file has no column for: %1. Columns found: %2.</source>
        <translation>文件中没有以下信息所在的列：%1。文件中的列：%2。</translation>
    </message>
    <message>
        <source>The saved mapping names the column “%1”, which this file does not have.</source>
        <translation>已保存的列对应关系使用了“%1”列，但此文件中没有该列。</translation>
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
        <source>Choose the punch records exported by the attendance software (.xlsx or CSV, UTF-8 or GB18030). The columns are recognised by their headers; you can correct them in the next step.</source>
        <translation>请选择考勤软件导出的打卡记录（.xlsx 或 CSV，UTF-8 或 GB18030 编码）。系统按表头识别各列，下一步可以修改。</translation>
    </message>
    <message>
        <source>Choose the staff list (.xlsx or CSV) with staff number, name, unit, window and punch-clock PIN. Existing staff are updated; new units and windows are created.</source>
        <translation>请选择人员名单（.xlsx 或 CSV），包含工号、姓名、单位、窗口和考勤号。已有人员将被更新，新的单位和窗口将自动创建。</translation>
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
        <source>Unknown PIN %1: no staff member has it</source>
        <translation>考勤号 %1 不存在：没有工作人员使用该号码</translation>
    </message>
    <message>
        <source>PIN %1 belongs to several staff members</source>
        <translation>考勤号 %1 同时属于多名工作人员</translation>
    </message>
    <message>
        <source>The PIN is empty</source>
        <translation>考勤号为空</translation>
    </message>
    <message>
        <source>The time is missing</source>
        <translation>缺少时间</translation>
    </message>
    <message>
        <source>Cannot read the time “%1”</source>
        <translation>无法识别时间“%1”</translation>
    </message>
    <message>
        <source>Cannot read the date “%1”</source>
        <translation>无法识别日期“%1”</translation>
    </message>
    <message>
        <source>The time %1 is out of range</source>
        <translation>时间 %1 超出范围</translation>
    </message>
    <message>
        <source>Unknown window %1</source>
        <translation>窗口 %1 不存在</translation>
    </message>
    <message>
        <source>The line is not text in the file's encoding</source>
        <translation>该行不是文件编码下的有效文本</translation>
    </message>
    <message>
        <source>The staff number is empty</source>
        <translation>工号为空</translation>
    </message>
    <message>
        <source>“%1” is too long</source>
        <translation>“%1”过长</translation>
    </message>
    <message>
        <source>Unknown window role “%1”: write A角 or B角</source>
        <translation>无法识别的岗位角色“%1”：请填写 A角 或 B角</translation>
    </message>
    <message>
        <source>Staff number %1 appears again with other values</source>
        <translation>工号 %1 重复出现且内容不一致</translation>
    </message>
    <message>
        <source>PIN %1 is given to two people in the file</source>
        <translation>文件中考勤号 %1 分配给了两个人</translation>
    </message>
    <message>
        <source>Window %1 has two primary staff members in the file</source>
        <translation>文件中窗口 %1 有两名 A角 人员</translation>
    </message>
    <message>
        <source>A new staff member needs a name</source>
        <translation>新增人员必须填写姓名</translation>
    </message>
    <message>
        <source>PIN %1 already belongs to another staff member</source>
        <translation>考勤号 %1 已属于其他工作人员</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>The file %1 cannot be read. Check that no other program has it open.</source>
        <translation>无法读取文件 %1。请确认没有其他程序正在使用该文件。</translation>
    </message>
    <message>
        <source>%1 is empty. Export the data again.</source>
        <translation>%1 是空文件。请重新导出数据。</translation>
    </message>
    <message>
        <source>%1 is not a text file or workbook. Export the records as CSV, text or .xlsx.</source>
        <translation>%1 不是文本文件或 Excel 工作簿。请将记录导出为 CSV、文本或 .xlsx 文件。</translation>
    </message>
    <message>
        <source>%1 is an old Excel 97–2003 workbook (.xls). Open it in Excel or WPS and save it as .xlsx or CSV.</source>
        <translation>%1 是旧版 Excel 97–2003 工作簿（.xls）。请用 Excel 或 WPS 打开，另存为 .xlsx 或 CSV。</translation>
    </message>
    <message>
        <source>%1 is neither UTF-8 nor GB18030 text. Save it again as UTF-8 or GB18030 CSV, or as .xlsx.</source>
        <translation>%1 既不是 UTF-8 也不是 GB18030 编码的文本。请另存为 UTF-8 或 GB18030 编码的 CSV，或 .xlsx。</translation>
    </message>
    <message>
        <source>%1 is not a readable .xlsx workbook. Save it again as .xlsx or export CSV.</source>
        <translation>%1 不是可读取的 .xlsx 工作簿。请重新另存为 .xlsx 或导出 CSV。</translation>
    </message>
    <message>
        <source>%1 is an Excel workbook, not a ZKTeco attlog file. Import it as a punch export.</source>
        <translation>%1 是 Excel 工作簿，不是中控 attlog 文件。请按“打卡记录”导入。</translation>
    </message>
    <message>
        <source>%1 has no rows to import.</source>
        <translation>%1 中没有可导入的数据行。</translation>
    </message>
    <message>
        <source>%1 is far too long for a staff roster.</source>
        <translation>%1 行数过多，不像人员名单。</translation>
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
        <source>Choose the tickets exported by the queue system (.xlsx or CSV, UTF-8 or GB18030): ticket number, window, operator, take, call and finish times, state, rating. A ticket already imported is updated where the file differs.</source>
        <translation>选择排队叫号系统导出的取号记录（.xlsx 或 CSV，UTF-8 或 GB18030）：票号、窗口、操作员、取号/叫号/办结时间、状态、评价。已导入过的票号按文件中不同之处更新。</translation>
    </message>
    <message>
        <source>Choose the cases exported by the approval system (.xlsx or CSV): case number, service item, accepted and finish times, limits, pauses and extensions. Due dates are computed with the hall's holiday table.</source>
        <translation>选择审批系统导出的办件（.xlsx 或 CSV）：办件编号、事项、受理与办结时间、时限、暂停与延期。办结期限按本大厅节假日表计算。</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>票号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Ticket taken</source>
        <translation>取号时间</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>叫号时间</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Minutes on hold</source>
        <translation>挂起分钟</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Rated at</source>
        <translation>评价时间</translation>
    </message>
    <message>
        <source>Promised limit (working days)</source>
        <translation>承诺时限（工作日）</translation>
    </message>
    <message>
        <source>Legal limit (working days)</source>
        <translation>法定时限（工作日）</translation>
    </message>
    <message>
        <source>Paused (working days)</source>
        <translation>暂停（工作日）</translation>
    </message>
    <message>
        <source>Extension (working days)</source>
        <translation>延期（工作日）</translation>
    </message>
    <message>
        <source>The ticket number is empty</source>
        <translation>票号为空</translation>
    </message>
    <message>
        <source>The case number is empty</source>
        <translation>办件编号为空</translation>
    </message>
    <message>
        <source>Unknown service item %1</source>
        <translation>未知事项 %1</translation>
    </message>
    <message>
        <source>Service item %1 matches several items</source>
        <translation>事项 %1 对应多个事项</translation>
    </message>
    <message>
        <source>Unknown operator %1</source>
        <translation>未知操作员 %1</translation>
    </message>
    <message>
        <source>Operator %1 matches several staff members</source>
        <translation>操作员 %1 对应多名人员</translation>
    </message>
    <message>
        <source>Unknown unit %1</source>
        <translation>未知单位 %1</translation>
    </message>
    <message>
        <source>Unknown state “%1”</source>
        <translation>无法识别的状态“%1”</translation>
    </message>
    <message>
        <source>The state “%1” does not fit the times given</source>
        <translation>状态“%1”与所给时间不符</translation>
    </message>
    <message>
        <source>Called, but the call time is missing</source>
        <translation>已叫号，但缺少叫号时间</translation>
    </message>
    <message>
        <source>Finished, but the finish time is missing</source>
        <translation>已办结，但缺少办结时间</translation>
    </message>
    <message>
        <source>The time %1 is in the future</source>
        <translation>时间 %1 晚于现在</translation>
    </message>
    <message>
        <source>Rating “%1” is not on this source's scale</source>
        <translation>评价“%1”不在该来源的评价等级中</translation>
    </message>
    <message>
        <source>A ticket that was never served cannot be rated</source>
        <translation>未办理的取号不能有评价</translation>
    </message>
    <message>
        <source>Cannot read the minutes “%1”</source>
        <translation>无法识别分钟数“%1”</translation>
    </message>
    <message>
        <source>%1 minutes on hold is longer than a day</source>
        <translation>挂起 %1 分钟超过一天</translation>
    </message>
    <message>
        <source>Cannot read the working days “%1”</source>
        <translation>无法识别工作日数“%1”</translation>
    </message>
    <message>
        <source>No time limit: give the limits or a known service item</source>
        <translation>缺少时限：请给出时限或已登记的事项</translation>
    </message>
    <message>
        <source>The promised limit is longer than the legal one</source>
        <translation>承诺时限长于法定时限</translation>
    </message>
    <message>
        <source>Ticket %1 appears twice with different data</source>
        <translation>票号 %1 出现两次且内容不同</translation>
    </message>
    <message>
        <source>Case %1 appears twice with different data</source>
        <translation>办件 %1 出现两次且内容不同</translation>
    </message>
    <message>
        <source>No holiday data for that year: the due date counts Monday to Friday (待确认)</source>
        <translation>该年度无节假日数据：期限按周一至周五计算（待确认）</translation>
    </message>
    <message>
        <source>Called before the ticket was taken</source>
        <translation>叫号早于取号</translation>
    </message>
    <message>
        <source>Accepted before the ticket was taken</source>
        <translation>受理早于取号</translation>
    </message>
    <message>
        <source>Accepted before it was called</source>
        <translation>受理早于叫号</translation>
    </message>
    <message>
        <source>Finished before the ticket was taken</source>
        <translation>办结早于取号</translation>
    </message>
    <message>
        <source>Finished before it was called</source>
        <translation>办结早于叫号</translation>
    </message>
    <message>
        <source>Finished before it was accepted</source>
        <translation>办结早于受理</translation>
    </message>
    <message>
        <source>Rated before the ticket was taken</source>
        <translation>评价早于取号</translation>
    </message>
    <message>
        <source>Rated before it was called</source>
        <translation>评价早于叫号</translation>
    </message>
    <message>
        <source>Rated before it was accepted</source>
        <translation>评价早于受理</translation>
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
