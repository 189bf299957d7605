<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BoardCardModel</name>
    <message>
        <source>Stand-in (AB): %1</source>
        <translation>AB角：%1</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>Staff: %1 (%2)</source>
        <translation>人员：%1（%2）</translation>
    </message>
</context>
<context>
    <name>BoardStates</name>
    <message>
        <source>On duty</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>空岗</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Off post</source>
        <translation>脱岗</translation>
    </message>
    <message>
        <source>On leave / out</source>
        <translation>请假/公出</translation>
    </message>
    <message>
        <source>Service paused</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>未排班</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>No windows to show.</source>
        <translation>没有可显示的窗口。</translation>
    </message>
    <message>
        <source>Other windows</source>
        <translation>其他窗口</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh the board now (F5)</source>
        <translation>立即刷新看板（F5）</translation>
    </message>
    <message>
        <source>Show every window</source>
        <translation>显示全部窗口</translation>
    </message>
    <message>
        <source>Show only windows in this state (click again to show all)</source>
        <translation>只显示此状态的窗口（再次点击显示全部）</translation>
    </message>
    <message>
        <source>Could not refresh the board: %1</source>
        <translation>看板刷新失败：%1</translation>
    </message>
    <message>
        <source>All %1</source>
        <translation>全部 %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>%1 alerts to acknowledge: %2</source>
        <translation>%1 条预警待确认：%2</translation>
    </message>
    <message>
        <source>See alerts</source>
        <translation>查看预警</translation>
    </message>
</context>
<context>
    <name>MarkDialog</name>
    <message>
        <source>Mark arrived</source>
        <translation>标记到岗</translation>
    </message>
    <message>
        <source>Mark left post</source>
        <translation>标记离岗</translation>
    </message>
    <message>
        <source>Mark returned</source>
        <translation>标记返岗</translation>
    </message>
    <message>
        <source>Mark absent</source>
        <translation>标记缺勤</translation>
    </message>
    <message>
        <source>Mark stand-in arrived</source>
        <translation>标记顶岗到岗</translation>
    </message>
    <message>
        <source>Pause service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Resume service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>时间(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>There is no hall yet.</source>
        <translation>尚未设置大厅。</translation>
    </message>
    <message>
        <source>Nobody is assigned to this window.</source>
        <translation>此窗口未安排人员。</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>窗口 %1</translation>
    </message>
    <message>
        <source>Window %1 · %2</source>
        <translation>窗口 %1 · %2</translation>
    </message>
</context>
<context>
    <name>QuickActionsMenu</name>
    <message>
        <source>Arrives with the spot-check release.</source>
        <translation>随“明查暗访”功能提供。</translation>
    </message>
    <message>
        <source>nobody assigned</source>
        <translation>未安排人员</translation>
    </message>
    <message>
        <source>Mark &amp;arrived…</source>
        <translation>标记到岗(&amp;A)…</translation>
    </message>
    <message>
        <source>Mark &amp;left post…</source>
        <translation>标记离岗(&amp;L)…</translation>
    </message>
    <message>
        <source>Mark &amp;returned…</source>
        <translation>标记返岗(&amp;R)…</translation>
    </message>
    <message>
        <source>Mark a&amp;bsent…</source>
        <translation>标记缺勤(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Pause service…</source>
        <translation>暂停服务(&amp;P)…</translation>
    </message>
    <message>
        <source>Resu&amp;me service…</source>
        <translation>恢复服务(&amp;M)…</translation>
    </message>
    <message>
        <source>Take a snapshot</source>
        <translation>抓拍</translation>
    </message>
    <message>
        <source>Record a finding</source>
        <translation>记录问题</translation>
    </message>
    <message>
        <source>Stand-in %1 arri&amp;ved…</source>
        <translation>顶岗人员 %1 到岗(&amp;V)…</translation>
    </message>
</context>
</TS>
