<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Words</name>
    <message>
        <source>Waiting</source>
        <translation>等候</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>已叫号</translation>
    </message>
    <message>
        <source>No-show / abandoned</source>
        <translation>过号/弃号</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Clock paused</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>已转办</translation>
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
        <source>Severely overdue</source>
        <translation>严重超期</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已签发</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已签收回复</translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Efficiency warning letter</source>
        <translation>效能告诫书</translation>
    </message>
    <message>
        <source>Supervision notice</source>
        <translation>督办通知书</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Open inspection</source>
        <translation>明查</translation>
    </message>
    <message>
        <source>Covert visit</source>
        <translation>暗访</translation>
    </message>
    <message>
        <source>Surprise check</source>
        <translation>突击检查</translation>
    </message>
    <message>
        <source>Video patrol</source>
        <translation>视频巡查</translation>
    </message>
    <message>
        <source>Presence at the window</source>
        <translation>在岗情况</translation>
    </message>
    <message>
        <source>Dress and appearance</source>
        <translation>仪容仪表</translation>
    </message>
    <message>
        <source>Work discipline</source>
        <translation>工作纪律</translation>
    </message>
    <message>
        <source>Service standards</source>
        <translation>服务规范</translation>
    </message>
    <message>
        <source>Order at the window</source>
        <translation>窗口秩序</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>较重</translation>
    </message>
    <message>
        <source>Severe</source>
        <translation>严重</translation>
    </message>
</context>
</TS>
