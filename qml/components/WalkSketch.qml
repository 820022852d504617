import QtQuick
import QtQuick.Controls
import Trygghetsdialog.Services

// A drawn sketch of the walk's track (north up, no map tiles): the track as lines that break
// where the GPS had a gap, the stops as numbered circles, a north arrow and a scale bar.
Item {
    id: root
    implicitHeight: 300
    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Skiss över spåret med %n stopp", "", Walk.stopCount)

    Rectangle {
        anchors.fill: parent
        color: "#f4f6f8"
        border.color: "#c9d1da"
        radius: 4
    }

    Canvas {
        id: canvas
        anchors.fill: parent
        // Repaint on a new fix, a new stop or a new size.
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()
        Connections {
            target: Walk
            function onTrackChanged() { canvas.requestPaint() }
            function onChanged() { canvas.requestPaint() }
        }
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            if (width <= 0 || height <= 0)
                return
            const s = Walk.sketch(width, height, 28)
            ctx.lineJoin = "round"
            ctx.lineCap = "round"
            ctx.strokeStyle = "#2f6fad"
            ctx.lineWidth = 3
            for (let i = 0; i < s.segments.length; ++i) {
                const p = s.segments[i]
                if (p.length < 2)
                    continue
                ctx.beginPath()
                ctx.moveTo(p[0], p[1])
                for (let k = 2; k + 1 < p.length; k += 2)
                    ctx.lineTo(p[k], p[k + 1])
                if (p.length === 2)
                    ctx.lineTo(p[0] + 0.1, p[1])
                ctx.stroke()
            }
            ctx.font = "bold 12px sans-serif"
            ctx.textAlign = "center"
            ctx.textBaseline = "middle"
            for (let j = 0; j < s.stops.length; ++j) {
                const stop = s.stops[j]
                ctx.beginPath()
                ctx.fillStyle = "#c62828"
                ctx.arc(stop.x, stop.y, 10, 0, 2 * Math.PI)
                ctx.fill()
                ctx.fillStyle = "white"
                ctx.fillText(String(stop.number), stop.x, stop.y)
            }
            // North arrow.
            ctx.fillStyle = "#333333"
            ctx.beginPath()
            ctx.moveTo(width - 18, 10)
            ctx.lineTo(width - 24, 24)
            ctx.lineTo(width - 12, 24)
            ctx.closePath()
            ctx.fill()
            ctx.fillText("N", width - 18, 34)
            // Scale bar.
            if (s.scaleBarPixels > 0) {
                const x0 = 12, y0 = height - 14
                ctx.strokeStyle = "#333333"
                ctx.lineWidth = 2
                ctx.beginPath()
                ctx.moveTo(x0, y0 - 5)
                ctx.lineTo(x0, y0)
                ctx.lineTo(x0 + s.scaleBarPixels, y0)
                ctx.lineTo(x0 + s.scaleBarPixels, y0 - 5)
                ctx.stroke()
                ctx.textAlign = "left"
                ctx.font = "11px sans-serif"
                const label = s.scaleBarMetres >= 1000 ? (s.scaleBarMetres / 1000) + " km"
                                                       : s.scaleBarMetres + " m"
                ctx.fillText(label, x0 + s.scaleBarPixels + 6, y0 - 3)
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: Walk.fixCount === 0 && Walk.stopCount === 0
        text: qsTr("Spåret ritas när GPS-positioner kommer in.")
        color: "#555555"
    }
}
