<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CasesView</name>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>办理人(&amp;P)：</translation>
    </message>
    <message>
        <source>Ser&amp;vice:</source>
        <translation>事项(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Light:</source>
        <translation>灯(&amp;L)：</translation>
    </message>
    <message>
        <source>Ticket or case &amp;no.:</source>
        <translation>取号/办件编号(&amp;N)：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Ticket &amp;date</source>
        <translation>取号日期(&amp;D)</translation>
    </message>
    <message>
        <source>Enter to search</source>
        <translation>输入后按回车查找</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Find a case</source>
        <translation>查找办件</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>Choose a case to see its timeline.</source>
        <translation>选择一件办件，查看其办理过程。</translation>
    </message>
    <message>
        <source>Could not read the cases: %1</source>
        <translation>无法读取办件：%1</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>灯</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Due dates</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source>provisional: no holiday data for the year</source>
        <translation>待确认：该年度尚无节假日数据</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <source>Export cases</source>
        <translation>导出办件</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported %1 cases to %2</source>
        <translation>已导出 %1 件到 %2</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新建办件(&amp;N)…</translation>
    </message>
    <message>
        <source>Enter a case by hand (Ctrl+N)</source>
        <translation>手工录入一件办件（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Correct…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <source>Correct the chosen case, with a reason</source>
        <translation>更正所选办件（须填原因）</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建办件</translation>
    </message>
    <message>
        <source>Writing the cases to Excel…</source>
        <translation>正在把办件写入 Excel…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <source>Ticket %1 taken</source>
        <translation>取号 %1</translation>
    </message>
    <message>
        <source>Called (window %1)</source>
        <translation>叫号（窗口 %1）</translation>
    </message>
    <message>
        <source>Accepted %1</source>
        <translation>受理 %1</translation>
    </message>
    <message>
        <source>Clock stopped %1 working days (correction / on hold)</source>
        <translation>暂停计时 %1 个工作日（补正/挂起）</translation>
    </message>
    <message>
        <source>Extended by %1 working days</source>
        <translation>延期 %1 个工作日</translation>
    </message>
    <message>
        <source>Promised deadline</source>
        <translation>承诺办结期限</translation>
    </message>
    <message>
        <source>Legal deadline</source>
        <translation>法定办结期限</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Rated: %1 (raw %2)</source>
        <translation>评价：%1（原始 %2）</translation>
    </message>
    <message>
        <source>holiday table changed</source>
        <translation>节假日表变更</translation>
    </message>
    <message>
        <source>recomputed</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Deadlines changed (%1): promised %2 → %3, legal %4 → %5</source>
        <translation>期限调整（%1）：承诺 %2 → %3，法定 %4 → %5</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Corrected (%1): %2</source>
        <translation>更正（%1）：%2</translation>
    </message>
    <message>
        <source>service item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>handled by</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>ticket</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>case no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>ticket time</source>
        <translation>取号时间</translation>
    </message>
    <message>
        <source>call time</source>
        <translation>叫号时间</translation>
    </message>
    <message>
        <source>acceptance time</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>finish time</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>paused working days</source>
        <translation>暂停工作日</translation>
    </message>
    <message>
        <source>extension working days</source>
        <translation>延期工作日</translation>
    </message>
    <message>
        <source>minutes on hold</source>
        <translation>挂起分钟</translation>
    </message>
    <message>
        <source>rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Service at the window ended</source>
        <translation>窗口服务结束</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Ticket</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ticket taken</source>
        <translation>取号时间</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺期限</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>灯</translation>
    </message>
    <message>
        <source>Overdue (working days)</source>
        <translation>超期(工作日)</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source> (provisional)</source>
        <translation>（待确认）</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Correct a case</source>
        <translation>更正办件</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建办件</translation>
    </message>
    <message>
        <source>Service item:</source>
        <translation>事项：</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <source>Handled by:</source>
        <translation>办理人：</translation>
    </message>
    <message>
        <source>Ticket no.:</source>
        <translation>取号：</translation>
    </message>
    <message>
        <source>Case no.:</source>
        <translation>办件编号：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Ticket taken:</source>
        <translation>取号时间：</translation>
    </message>
    <message>
        <source>Called:</source>
        <translation>叫号时间：</translation>
    </message>
    <message>
        <source>Accepted:</source>
        <translation>受理时间：</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>办结时间：</translation>
    </message>
    <message>
        <source>Clock stopped (working days):</source>
        <translation>暂停计时（工作日）：</translation>
    </message>
    <message>
        <source>Extension (working days):</source>
        <translation>延期（工作日）：</translation>
    </message>
    <message>
        <source>On hold (minutes):</source>
        <translation>挂起（分钟）：</translation>
    </message>
    <message>
        <source>Rating:</source>
        <translation>评价：</translation>
    </message>
    <message>
        <source>Reason for the correction:</source>
        <translation>更正原因：</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评价</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AlertsView</name>
    <message>
        <source>Show acknowledged</source>
        <translation>显示已确认</translation>
    </message>
    <message>
        <source>&amp;Acknowledge selected</source>
        <translation>确认所选(&amp;A)</translation>
    </message>
    <message>
        <source>Acknowledge &amp;all</source>
        <translation>全部确认(&amp;L)</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>预警时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Yellow light</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>Red light</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Past legal limit</source>
        <translation>严重超期</translation>
    </message>
    <message>
        <source>Nobody calling</source>
        <translation>无人叫号</translation>
    </message>
    <message>
        <source>Could not read the alerts: %1</source>
        <translation>无法读取预警：%1</translation>
    </message>
    <message>
        <source>%1 alerts to acknowledge</source>
        <translation>%1 条预警待确认</translation>
    </message>
</context>
<context>
    <name>CasesArea</name>
    <message>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Bad-rating follow-ups</source>
        <translation>差评整改</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
</TS>
