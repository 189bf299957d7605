<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>HallWatch cannot open its data</source>
        <translation>HallWatch 无法打开数据</translation>
    </message>
    <message>
        <source>The database could not be opened: %1</source>
        <translation>无法打开数据库：%1</translation>
    </message>
    <message>
        <source>Import attendance device file (attlog)…</source>
        <translation>导入考勤机文件（attlog）…</translation>
    </message>
    <message>
        <source>Import punch records (CSV/Excel)…</source>
        <translation>导入打卡记录（CSV/Excel）…</translation>
    </message>
    <message>
        <source>Import staff roster (Excel)…</source>
        <translation>导入人员名单（Excel）…</translation>
    </message>
    <message>
        <source>HallWatch — Window Efficiency Supervision</source>
        <translation>窗口效能监察客户端</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Spot checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>公文</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考评</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据目录：%1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>Not synced (standalone)</source>
        <translation>未同步（单机）</translation>
    </message>
    <message>
        <source>Hall: %1</source>
        <translation>大厅：%1</translation>
    </message>
    <message>
        <source>No hall</source>
        <translation>尚无大厅</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About HallWatch</source>
        <translation>关于 HallWatch(&amp;A)</translation>
    </message>
    <message>
        <source>About HallWatch</source>
        <translation>关于 HallWatch</translation>
    </message>
    <message>
        <source>HallWatch %1 — window efficiency supervision for service halls.</source>
        <translation>HallWatch %1 —— 政务服务大厅窗口效能监察客户端。</translation>
    </message>
    <message>
        <source>HallWatch: %1 new alerts</source>
        <translation>HallWatch：%1 条新预警</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
    <message>
        <source>Import queue tickets (CSV/Excel)…</source>
        <translation>导入排队叫号记录（CSV/Excel）…</translation>
    </message>
    <message>
        <source>Import approval-system cases (CSV/Excel)…</source>
        <translation>导入审批系统办件（CSV/Excel）…</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This screen is not available yet in this version.</source>
        <translation>本版本尚未提供此功能。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>HallWatch cannot open its data</source>
        <translation>HallWatch 无法打开数据</translation>
    </message>
</context>
</TS>
