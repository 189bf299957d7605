<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>HolidaysPage</name>
    <message>
        <source>Paste the State Council's notice…</source>
        <translation>粘贴国务院节假日通知…</translation>
    </message>
    <message>
        <source>Enter a year the national calendar does not know yet from the notice's text</source>
        <translation>根据通知原文录入国家节假日日历尚未收录的年份</translation>
    </message>
    <message>
        <source>%1: %2 days added, %3 corrected, %4 already there; %5 cases' deadlines recomputed.</source>
        <translation>%1 年：新增 %2 天，更正 %3 天，%4 天已存在；已重新计算 %5 件办件的期限。</translation>
    </message>
</context>
<context>
    <name>HolidayNoticeDialog</name>
    <message>
        <source>State Council holiday notice</source>
        <translation>国务院节假日安排通知</translation>
    </message>
    <message>
        <source>Paste the text of the State Council's notice on next year's holidays (国务院办公厅关于…年部分节假日安排的通知), read it, check the days, then save.</source>
        <translation>粘贴国务院办公厅关于下一年度部分节假日安排的通知全文，识别后核对各日期，确认无误再保存。</translation>
    </message>
    <message>
        <source>一、元旦：1月1日（周五）放假…</source>
        <translation>一、元旦：1月1日（周五）放假…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>from the title</source>
        <translation>按通知标题</translation>
    </message>
    <message>
        <source>Read the notice</source>
        <translation>识别通知</translation>
    </message>
    <message>
        <source>Save these days</source>
        <translation>保存这些日期</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Working?</source>
        <translation>上班/放假</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>The text changed: read it again before saving.</source>
        <translation>通知文本已修改，请重新识别后再保存。</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>corrects the table</source>
        <translation>更正现有记录</translation>
    </message>
    <message>
        <source>kept: this hall's own entry stays</source>
        <translation>保留本大厅自行设定的记录</translation>
    </message>
    <message>
        <source>Mon Tue Wed Thu Fri Sat Sun</source>
        <translation>一 二 三 四 五 六 日</translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>already there</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>removed: not in the notice</source>
        <translation>删除：通知中没有该日</translation>
    </message>
    <message>
        <source>%1: %2 days off and %3 make-up working days.</source>
        <translation>%1：放假 %2 天，调休上班 %3 天。</translation>
    </message>
</context>
</TS>
