<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
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
        <translation>告诫书</translation>
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
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>The data could not be read</source>
        <translation>无法读取数据</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No hall yet</source>
        <translation>尚未建立大厅</translation>
    </message>
    <message>
        <source>Create a hall with 'hallwatch init --hall NAME' or load the demo hall.</source>
        <translation>请用“hallwatch init --hall 名称”建立大厅，或载入演示大厅。</translation>
    </message>
    <message>
        <source>Windows: %1</source>
        <translation>窗口：%1</translation>
    </message>
    <message>
        <source>Staff: %1</source>
        <translation>工作人员：%1</translation>
    </message>
    <message>
        <source>Cases: %1</source>
        <translation>办件：%1</translation>
    </message>
    <message>
        <source>Attendance events: %1</source>
        <translation>考勤记录：%1</translation>
    </message>
    <message>
        <source>Findings: %1</source>
        <translation>检查发现问题：%1</translation>
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
