<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SuggestionTableModel</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>问责建议</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>事实依据</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>处理人</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>Confirm suggestion</source>
        <translation>确认问责建议</translation>
    </message>
    <message>
        <source>Dismiss suggestion</source>
        <translation>驳回问责建议</translation>
    </message>
    <message>
        <source>Note (required):</source>
        <translation>处理意见（必填）：</translation>
    </message>
    <message>
        <source>Write a note that says why.</source>
        <translation>请填写处理意见，说明理由。</translation>
    </message>
</context>
<context>
    <name>SuggestionView</name>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Run accountability rules</source>
        <translation>运行问责规则</translation>
    </message>
    <message>
        <source>Confirm…</source>
        <translation>确认…</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>New suggestions: %1</source>
        <translation>新增建议：%1</translation>
    </message>
    <message>
        <source>Draft warning letter</source>
        <translation>起草告诫书</translation>
    </message>
    <message>
        <source>Draft an efficiency warning letter from the confirmed suggestion; edit and issue it under Letters</source>
        <translation>根据已确认的问责建议起草效能告诫书；起草后到“公文”中修改、签发</translation>
    </message>
    <message>
        <source>Warning letter drafted: edit and issue it under Letters.</source>
        <translation>已起草效能告诫书（草稿），请到“公文”中查看、修改和签发。</translation>
    </message>
    <message>
        <source>This suggestion names nobody: a warning letter is to one person.</source>
        <translation>这条建议没有具体人员，效能告诫书须写明被告诫人。</translation>
    </message>
    <message>
        <source>Only a confirmed suggestion leads to a letter: confirm it first.</source>
        <translation>只有已确认的建议才能起草公文，请先确认。</translation>
    </message>
    <message>
        <source>This suggestion already has a letter (%1): open it under Letters.</source>
        <translation>这条建议已起草公文（%1），请到“公文”中查看。</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
</context>
<context>
    <name>AttendanceArea</name>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Accountability</source>
        <translation>效能问责</translation>
    </message>
</context>
</TS>
