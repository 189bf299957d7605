<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>StatsView</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Finish rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <source>Early</source>
        <translation>提前办结率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期件</translation>
    </message>
    <message>
        <source>Avg. days</source>
        <translation>平均办结天数</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>提速率</translation>
    </message>
    <message>
        <source>Avg. wait (min)</source>
        <translation>平均等候(分)</translation>
    </message>
    <message>
        <source>Avg. service (min)</source>
        <translation>平均办理(分)</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>弃号率</translation>
    </message>
    <message>
        <source>Paused (min)</source>
        <translation>暂停服务(分)</translation>
    </message>
    <message>
        <source>Rated</source>
        <translation>参评率</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Bad ratings</source>
        <translation>差评率</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;By:</source>
        <translation>分组(&amp;B)：</translation>
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
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>统计(&amp;C)</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Could not compute the statistics: %1</source>
        <translation>无法统计：%1</translation>
    </message>
    <message>
        <source>Whole hall</source>
        <translation>全大厅</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Daily volume</source>
        <translation>每日业务量</translation>
    </message>
    <message>
        <source>Waiting time (minutes)</source>
        <translation>等候时长（分钟）</translation>
    </message>
    <message>
        <source>Open cases by light</source>
        <translation>在办件亮灯情况</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿灯</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Past legal limit</source>
        <translation>严重超期</translation>
    </message>
    <message>
        <source>On time and satisfied, busiest eight (%)</source>
        <translation>按时办结率与满意率：受理量前八（%）</translation>
    </message>
</context>
</TS>
